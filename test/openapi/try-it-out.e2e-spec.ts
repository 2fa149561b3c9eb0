import type { ConstantsVersion } from '../../src/simulator/simulator-options';
import { DEMO } from '../simulator/fixtures';
import { storeSimulatorSessions } from '../modules/sessions/detail-support';
import { startTestGateway, type TestGateway } from '../support/gateway';

type Json = Record<string, any>;

const HTTP_METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

/** The example Swagger UI shows for a schema: its own, else one built from its properties'. */
function exampleOf(document: Json, schema: Json): unknown {
  if (schema.$ref)
    return exampleOf(document, document.components.schemas[schema.$ref.split('/').pop()]);
  if (schema.example !== undefined) return schema.example;
  return Object.fromEntries(
    Object.entries((schema.properties ?? {}) as Json).map(([name, property]) => [
      name,
      exampleOf(document, property as Json),
    ]),
  );
}

/** The path of an operation with its path parameters' examples, no optional query parameter. */
/** A route only an Administrator may call: its description names the demo account to use. */
function adminOnly(operation: Json): boolean {
  const roles = operation['x-required-roles'] as string[] | undefined;
  return roles?.length === 1 && roles[0] === 'Administrator';
}

function pathOf(path: string, operation: Json): string {
  return path.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const parameter = (operation.parameters as Json[]).find(
      (p) => p.in === 'path' && p.name === name,
    );
    return String(parameter?.schema?.example);
  });
}

/**
 * Issue 9 item 13: a new user signs in with the sign-in example and then clicks "Try it out" on
 * every operation, changing nothing: every example must work on the demo, for either constants
 * version the simulator serves.
 */
describe.each<ConstantsVersion>(['6.5.8', '4.7.0'])(
  'Swagger "Try it out" on constants %s',
  (version) => {
    let gateway: TestGateway;
    let document: Json;
    let token: string;
    /** Administrator-only routes name the demo admin's Office as their example, and say so. */
    let adminToken: string;

    beforeAll(async () => {
      gateway = await startTestGateway({ simulator: { constantsVersion: version } });
      document = (await gateway.http().get('/docs-json').expect(200)).body;
      const login = document.paths['/v1/auth/login'].post.requestBody.content['application/json'];
      const signedIn = await gateway
        .http()
        .post('/v1/auth/login')
        .send(exampleOf(document, login.schema) as object)
        .expect(200);
      token = signedIn.body.accessToken;
      adminToken = (await gateway.signIn('admin')).accessToken;
      // What the demo's ingestion stores at its first history sync (off in tests): the stored
      // session routes' examples name Driveway's first session. It signs in upstream as the
      // owner too, and Zaptec (so the simulator) takes one sign-in per account a second.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await storeSimulatorSessions(gateway.app, gateway.simulator, [[DEMO.home.id, 'owner']]);
    });
    afterAll(() => gateway.close());

    const operations = () =>
      Object.entries(document.paths as Json).flatMap(([path, item]) =>
        HTTP_METHODS.filter((method) => item[method]).map((method) => ({
          method,
          path,
          operation: item[method] as Json,
        })),
      );

    it('leaves every optional query parameter empty (no example, no default to send)', () => {
      const prefilled = operations().flatMap(({ method, path, operation }) =>
        (operation.parameters as Json[])
          .filter((p) => p.in === 'query' && !p.required && /Id$|^from$|^to$/.test(p.name))
          .filter(
            (p) =>
              p.example !== undefined ||
              p.schema?.example !== undefined ||
              p.schema?.default !== undefined,
          )
          .map((p) => `${method} ${path} ${p.name}`),
      );
      expect(prefilled).toEqual([]);
    });

    it('answers every read with the demo ids of its examples', async () => {
      const reads = operations().filter(
        ({ method, path }) => method === 'get' && path.startsWith('/v1/'),
      );
      expect(reads.length).toBeGreaterThan(8);
      const answers: string[] = [];
      for (const { path, operation } of reads) {
        const response = await gateway
          .http()
          .get(pathOf(path, operation))
          .set('authorization', `Bearer ${adminOnly(operation) ? adminToken : token}`);
        answers.push(`${path} ${response.status}`);
      }
      expect(answers).toEqual(reads.map(({ path }) => `${path} 200`));
    });

    it('accepts the example body of the settings and limits writes as they stand', async () => {
      for (const path of ['/v1/chargers/{id}/settings', '/v1/installations/{id}/limits']) {
        const [method, operation] = Object.entries(document.paths[path] as Json).find(
          ([name]) => name !== 'get',
        )!;
        const body = exampleOf(document, operation.requestBody.content['application/json'].schema);
        const response = await gateway
          .http()
          [method as 'patch' | 'post'](pathOf(path, operation))
          .set('authorization', `Bearer ${token}`)
          .send(body as object);
        expect(`${path} ${response.status} ${response.status < 300 ? '' : response.text}`).toBe(
          `${path} ${method === 'patch' ? 202 : 200} `,
        );
      }
    });

    it('sends the command example meant for the constants served', async () => {
      const operation = document.paths['/v1/chargers/{id}/commands'].post;
      const examples = operation.requestBody.content['application/json'].examples as Json;
      const example = version === '6.5.8' ? examples.pause : examples.stop;
      expect(example.summary).toContain(version === '6.5.8' ? '6.x' : '4.7.0');
      const response = await gateway
        .http()
        .post(pathOf('/v1/chargers/{id}/commands', operation))
        .set('authorization', `Bearer ${token}`)
        .send(example.value)
        .expect(202);
      expect(response.body.command).toBe(example.value.command);
    });
  },
);
