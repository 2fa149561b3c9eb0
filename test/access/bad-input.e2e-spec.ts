import { PROBLEM_JSON, simulatorStats } from '../auth/support';
import { DEMO } from '../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../support/gateway';

const OFFICE_1 = DEMO.chargerId('Office 1');

/**
 * Bad input is refused before anything reaches Zaptec, even on a caller's very first request,
 * when the guard has not read their roles yet (guards run before pipes; the guard validates first).
 */
describe('bad input on a fresh sign-in', () => {
  let gateway: TestGateway;
  let bearer: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    bearer = `Bearer ${(await gateway.signIn('service')).accessToken}`;
  });
  afterAll(() => gateway.close());

  it.each([
    [
      'PATCH',
      `/v1/chargers/${OFFICE_1}/settings`,
      { maxChargeCurrent: 'lots' },
      'maxChargeCurrent',
    ],
    ['PATCH', `/v1/chargers/${OFFICE_1}/settings`, { colour: 'red' }, 'colour'],
    ['POST', `/v1/chargers/${OFFICE_1}/commands`, {}, 'command'],
    [
      'POST',
      `/v1/installations/${DEMO.office.id}/limits`,
      { availableCurrent: -1 },
      'availableCurrent',
    ],
    ['GET', `/v1/chargers/not-a-uuid/state`, undefined, 'id'],
    [
      'GET',
      `/v1/charge-history?installationId=${DEMO.office.id}&pageSize=1000`,
      undefined,
      'pageSize',
    ],
  ])(
    '%s %s with a bad %j answers 400 naming the field and calls nothing upstream',
    async (method, path, body, field) => {
      const before = (await simulatorStats(gateway.simulator)).total;
      const call = gateway
        .http()
        [method.toLowerCase() as 'get' | 'post' | 'patch'](path)
        .set('authorization', bearer);

      const response = await (body === undefined ? call : call.send(body)).expect(400);

      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
      expect((await simulatorStats(gateway.simulator)).total).toBe(before);
    },
  );
});
