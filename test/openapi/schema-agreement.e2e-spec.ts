import { INSTALLATIONS } from '../../src/simulator/world/demo-data';
import { PROBLEM_JSON, startTestGateway, type TestGateway } from '../support/gateway';

type Json = Record<string, any>;

const home = INSTALLATIONS.find((installation) => installation.name === 'Home')!;
const driveway = home.circuits[0].chargers[0];

/** Issue 9 item 26: what the document says of request bodies is what the routes do. */
describe('the OpenAPI document and the behaviour agree', () => {
  let gateway: TestGateway;
  let schemas: Json;
  let document: Json;

  beforeAll(async () => {
    gateway = await startTestGateway();
    document = (await gateway.http().get('/docs-json').expect(200)).body;
    schemas = document.components.schemas;
  });
  afterAll(() => gateway.close());

  const refused = async (method: 'post' | 'patch', path: string, body: object, field: string) => {
    const response = await (await gateway.as('owner'))[method](path).send(body).expect(400);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
  };

  it('refuses unknown fields in every request body, and says so (additionalProperties: false)', async () => {
    const bodies = Object.values(document.paths as Json).flatMap((item: Json) =>
      Object.values(item)
        .map((operation: Json) => operation.requestBody?.content['application/json'].schema.$ref)
        .filter(Boolean),
    );
    expect(bodies.length).toBeGreaterThanOrEqual(5);
    for (const ref of bodies) {
      expect([ref, schemas[ref.split('/').pop()].additionalProperties]).toEqual([ref, false]);
    }
    await refused('patch', `/v1/chargers/${driveway.id}/settings`, { colour: 'red' }, 'colour');
  });

  it('needs at least one setting, and says so (minProperties: 1)', async () => {
    expect(schemas.UpdateChargerSettingsDto.minProperties).toBe(1);
    await refused('patch', `/v1/chargers/${driveway.id}/settings`, {}, 'body');
  });

  it('refuses a null setting as the integer it is typed as', async () => {
    const interval = schemas.UpdateChargerSettingsDto.properties.meterValueInterval;
    expect(interval).toMatchObject({ type: 'integer' });
    expect(interval.nullable).toBeUndefined();
    await refused(
      'patch',
      `/v1/chargers/${driveway.id}/settings`,
      { maxChargeCurrent: 16, meterValueInterval: null },
      'meterValueInterval',
    );
  });

  it('names the two forms of the available current (oneOf) and refuses a mix of them', async () => {
    const limits = schemas.UpdateInstallationLimitsDto;
    expect(limits.oneOf.map((form: Json) => form.required)).toEqual([
      ['availableCurrent'],
      ['availableCurrentPhase1', 'availableCurrentPhase2', 'availableCurrentPhase3'],
    ]);
    expect(limits.example).toEqual({ availableCurrent: 25 });
    const path = `/v1/installations/${home.id}/limits`;
    await refused(
      'post',
      path,
      { availableCurrent: 10, availableCurrentPhase1: 10 },
      'availableCurrent',
    );
    await refused('post', path, { availableCurrentPhase1: 10 }, 'availableCurrentPhase2');
    await (await gateway.as('owner')).post(path).send(limits.example).expect(200);
  });

  it('types every id path parameter as a UUID string', () => {
    const untyped = Object.entries(document.paths as Json).flatMap(([path, item]) =>
      Object.entries(item as Json).flatMap(([method, operation]) =>
        (operation.parameters as Json[])
          .filter((p) => p.in === 'path')
          .filter((p) => p.schema?.type !== 'string' || p.schema?.format !== 'uuid')
          .map((p) => `${method} ${path} ${p.name}`),
      ),
    );
    expect(untyped).toEqual([]);
  });
});
