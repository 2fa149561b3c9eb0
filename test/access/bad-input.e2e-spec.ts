import { DEMO } from '../simulator/fixtures';
import { PROBLEM_JSON, startTestGateway, type TestGateway } from '../support/gateway';
import { simulatorStats } from '../support/simulator';

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
    // Rules across fields, checked by the DTOs (class-validator), not by the services.
    ['PATCH', `/v1/chargers/${OFFICE_1}/settings`, {}, 'body'],
    ['PATCH', `/v1/chargers/${OFFICE_1}/settings`, { maxChargeCurrent: null }, 'body'],
    [
      'PATCH',
      `/v1/chargers/${OFFICE_1}/settings`,
      { minChargeCurrent: 16, maxChargeCurrent: 10 },
      'minChargeCurrent',
    ],
    ['POST', `/v1/installations/${DEMO.office.id}/limits`, {}, 'availableCurrent'],
    [
      'POST',
      `/v1/installations/${DEMO.office.id}/limits`,
      { availableCurrent: 10, availableCurrentPhase1: 10 },
      'availableCurrent',
    ],
    [
      'POST',
      `/v1/installations/${DEMO.office.id}/limits`,
      { availableCurrentPhase1: 10, availableCurrentPhase2: 10 },
      'availableCurrentPhase3',
    ],
    [
      'POST',
      `/v1/installations/${DEMO.office.id}/limits`,
      { maxCurrent: 40, availableCurrent: 50 },
      'availableCurrent',
    ],
    [
      'POST',
      `/v1/installations/${DEMO.office.id}/limits`,
      { maxCurrent: 6300, availableCurrent: 50 },
      'maxCurrent',
    ],
    [
      'GET',
      `/v1/charge-history?installationId=${DEMO.office.id}&from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z`,
      undefined,
      'to',
    ],
    [
      'GET',
      `/v1/charge-history?installationId=${DEMO.office.id}&from=2026-W10-1`,
      undefined,
      'from',
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

  it.each([
    ['longer than 200 characters', 'k'.repeat(201)],
    ['not printable ASCII', 'clé-1'],
    // Two header lines; Node hands them to Fastify joined as "k1, k2".
    ['sent twice', ['k1', 'k2']],
  ])('answers an Idempotency-Key %s with 400 and calls nothing upstream', async (_case, key) => {
    const before = (await simulatorStats(gateway.simulator)).total;
    const response = await gateway
      .http()
      .post(`/v1/chargers/${OFFICE_1}/commands`)
      .set('authorization', bearer)
      .set({ 'idempotency-key': key })
      .send({ command: 'RestartCharger' })
      .expect(400);

    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'Idempotency-Key', messages: [expect.any(String)] }],
    });
    expect((await simulatorStats(gateway.simulator)).total).toBe(before);
  });
});
