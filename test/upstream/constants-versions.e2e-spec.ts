import { startTestGateway, type TestGateway } from '../support/gateway';

// design.md "Constants versions": the gateway serves the constants upstream serves (6.5.8 by
// the simulator's default, the 4.7.0 seed when configured), decoded, with 64-bit flags kept exact.

describe('GET /v1/constants', () => {
  let v4: TestGateway;
  let v6: TestGateway;

  beforeAll(async () => {
    [v4, v6] = await Promise.all([
      startTestGateway({ simulator: { constantsVersion: '4.7.0' } }),
      startTestGateway(),
    ]);
  });
  afterAll(() => Promise.all([v4?.close(), v6?.close()]));

  it('answers with the 4.7.0 constants when upstream serves them', async () => {
    const response = await (await v4.as('driver')).get('/v1/constants').expect(200);
    expect(response.body).toMatchObject({
      version: '4.7.0.de958f76',
      source: 'upstream',
      schemas: [],
      chargerOperationModes: { Connected_Charging: 3 },
      userRoles: { User: 1, Owner: 2, Maintainer: 4, Administrator: 8 },
    });
    expect(response.body.commands.StopChargingFinal).toBeUndefined();
  });

  it("answers with 6.5.8, the simulator's default, device schemas included", async () => {
    const response = await (await v6.as('driver')).get('/v1/constants').expect(200);
    expect(response.body).toMatchObject({
      version: '6.5.8',
      source: 'upstream',
      userRoles: { Technical: 128, InternalData: 256 },
    });
    const apollo = response.body.schemas.find(
      (schema: { name: string }) => schema.name === 'Apollo',
    );
    expect(apollo).toMatchObject({
      deviceType: 4,
      commands: { StopChargingFinal: 506, ResumeCharging: 507 },
    });
  });

  it('gives warning flags past 2^53 as exact decimal strings', async () => {
    const response = await (await v6.as('driver')).get('/v1/constants').expect(200);
    const apollo = response.body.schemas.find(
      (schema: { name: string }) => schema.name === 'Apollo',
    );
    expect(apollo.warnings).toMatchObject({
      HUMIDITY: '1',
      RCD_TEST_DC: '9007199254740992',
      MOTOR: '18014398509481984',
      // As the seed file has them (printed by a JavaScript tool), digit for digit.
      MOTOR_SHORTED: '36028797018963970',
      MID_STORAGE_ERROR_GO_GO2: '72057594037927940',
    });
    expect(response.text).toContain('"MOTOR":"18014398509481984"');
    expect(
      Object.values(apollo.warnings as Record<string, unknown>).every(
        (value) => typeof value === 'string' && /^\d+$/.test(value),
      ),
    ).toBe(true);
  });
});
