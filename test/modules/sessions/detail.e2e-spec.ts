import { DEMO, FIXED_START, UNKNOWN_ID } from '../../simulator/fixtures';
import { PROBLEM_JSON, startTestGateway, type TestGateway } from '../../support/gateway';
import { ACCOUNTS, type DemoAccountName } from '../../support/simulator';
import { PrismaService } from '../../../src/database/prisma.service';
import { simulatorMeterKey, storeSimulatorSessions } from './detail-support';

const OFFICE_1 = DEMO.chargerId('Office 1');
const OFFICE_2 = DEMO.chargerId('Office 2');
const DRIVEWAY = DEMO.chargerId('Driveway');

/** GET /v1/sessions/{id}: a stored session with its OCMF parsed, checked and verified. */
describe('session detail', () => {
  let gateway: TestGateway;
  let prisma: PrismaService;
  const get = async (account: DemoAccountName, id: string) =>
    (await gateway.as(account)).get(`/v1/sessions/${id}`);
  /** The newest stored session matching `where`. */
  const newest = (where: { chargerId: string; userId?: string | null }) =>
    prisma.chargeSession.findFirstOrThrow({ where, orderBy: { startedAt: 'desc' } });
  const registerKey = async (chargerId: string, account: DemoAccountName = 'service') => {
    const { accessToken } = await gateway.signIn(account);
    const key = await simulatorMeterKey(gateway.simulator, chargerId);
    return gateway
      .http()
      .put(`/v1/chargers/${chargerId}/meter-public-key`)
      .set('authorization', `Bearer ${accessToken}`)
      .send({ publicKey: key.publicKey });
  };

  beforeAll(async () => {
    gateway = await startTestGateway({ simulator: { start: FIXED_START } });
    prisma = gateway.app.get(PrismaService);
    await storeSimulatorSessions(gateway.app, gateway.simulator, [
      [DEMO.office.id, 'admin'],
      [DEMO.home.id, 'owner'],
    ]);
    expect(await prisma.chargeSession.count()).toBe(gateway.simulator.context.world.history.length);
  });
  afterAll(() => gateway?.close());

  it("says unknown-key before the charger's key is registered, verified after, invalid once a byte changes", async () => {
    const row = await newest({ chargerId: OFFICE_1, userId: ACCOUNTS.driver.id });
    const before = await get('admin', row.id);
    expect(before.status).toBe(200);
    expect(before.body.signature).toEqual({
      status: 'unknown-key',
      algorithm: 'ECDSA-secp256r1-SHA256',
      publicKeyHex: null,
    });

    expect((await registerKey(OFFICE_1)).status).toBe(200);
    const key = await simulatorMeterKey(gateway.simulator, OFFICE_1);
    const after = await get('admin', row.id);
    expect(after.body.signature).toEqual({
      status: 'verified',
      algorithm: 'ECDSA-secp256r1-SHA256',
      publicKeyHex: key.publicKeyHex,
    });
    expect(after.body.ocmf.checks.filter((check: { ok: boolean }) => !check.ok)).toEqual([]);

    // One byte of the payload: the last register digit of the end reading.
    const raw = row.signedSession!;
    const at = raw.lastIndexOf('"RV":') + 6;
    const digit = raw[at] === '9' ? '8' : String(Number(raw[at]) + 1);
    const tampered = raw.slice(0, at) + digit + raw.slice(at + 1);
    expect(tampered).toHaveLength(raw.length);
    await prisma.chargeSession.update({ where: { id: row.id }, data: { signedSession: tampered } });
    const changed = await get('admin', row.id);
    expect(changed.body.signature.status).toBe('invalid');
    expect(changed.body.ocmf.raw).toBe(tampered);
    await prisma.chargeSession.update({ where: { id: row.id }, data: { signedSession: raw } });
    expect((await get('admin', row.id)).body.signature.status).toBe('verified');
  });

  it('serves the session as stored: fields, ticks, decoded commit flags, OCMF verbatim and parsed', async () => {
    const row = await newest({ chargerId: OFFICE_2 });
    const world = gateway.simulator.context.world.history.find((session) => session.id === row.id)!;
    const response = await get('service', row.id.toUpperCase());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: world.id,
      installationId: DEMO.office.id,
      chargerId: OFFICE_2,
      deviceId: world.deviceId,
      userId: world.userId ?? null,
      startedAt: world.startedAt.toISOString(),
      endedAt: world.endedAt.toISOString(),
      energyKwh: world.energyKwh,
      commitMetadata: 21,
      commitFlags: ['Online', 'ReliableClock', 'Signed'],
      signed: true,
      energyDetails: world.energyDetails.map((tick) => ({
        timestamp: tick.at.toISOString(),
        // + 0: the simulator may round a tick to -0, which JSON writes as 0.
        energyKwh: tick.energyKwh + 0,
      })),
    });
    const { ocmf } = response.body;
    expect(ocmf.raw).toBe(world.signedSession);
    expect(ocmf.parsed).toMatchObject({
      gatewaySerial: world.deviceId,
      meterId: world.deviceId,
      pagination: expect.stringMatching(/^T\d+$/),
      begin: { transaction: 'B', at: world.startedAt.toISOString(), unit: 'kWh' },
      end: { transaction: 'E', at: world.endedAt.toISOString() },
    });
    expect(ocmf.parsed.end.value - ocmf.parsed.begin.value).toBeCloseTo(world.energyKwh, 3);
    expect(
      ocmf.checks.map((check: { name: string; ok: boolean }) => [check.name, check.ok]),
    ).toEqual([
      ['has-readings', true],
      ['energy-matches-register', true],
      ['times-monotonic', true],
      ['register-monotonic', true],
      ['begins-at-session-start', true],
    ]);
  });

  it('shows the consistency check failing when the stored energy disagrees with the registers', async () => {
    const row = await newest({ chargerId: DEMO.chargerId('Office 3') });
    await prisma.chargeSession.update({
      where: { id: row.id },
      data: { energyKwh: Number(row.energyKwh) + 0.5 },
    });
    const response = await get('admin', row.id);
    const check = response.body.ocmf.checks.find(
      (item: { name: string }) => item.name === 'energy-matches-register',
    );
    expect(check.ok).toBe(false);
  });

  it('answers a session without OCMF as unsigned, with ocmf null', async () => {
    const row = await newest({ chargerId: DEMO.chargerId('Office 4') });
    await prisma.chargeSession.update({ where: { id: row.id }, data: { signedSession: null } });
    const response = await get('admin', row.id);
    expect(response.body).toMatchObject({
      signed: false,
      ocmf: null,
      signature: { status: 'unsigned', algorithm: null },
    });
  });

  it('keeps OCMF that does not parse verbatim and reports it in a failed format check', async () => {
    const row = await newest({ chargerId: DEMO.chargerId('Office 6') });
    await prisma.chargeSession.update({
      where: { id: row.id },
      data: { signedSession: 'OCMF|{"FV":' },
    });
    const response = await get('admin', row.id);
    expect(response.status).toBe(200);
    expect(response.body.ocmf).toEqual({
      raw: 'OCMF|{"FV":',
      parsed: null,
      checks: [{ name: 'format', ok: false, detail: 'the payload section is not JSON' }],
    });
    expect(response.body.signature.status).toBe('unknown-key');
  });

  describe('who sees which session', () => {
    it('shows a User their own session, and no other user’s (404, like an unknown id)', async () => {
      const own = await newest({ chargerId: OFFICE_1, userId: ACCOUNTS.driver.id });
      const others = await prisma.chargeSession.findFirstOrThrow({
        where: { installationId: DEMO.office.id, NOT: { userId: ACCOUNTS.driver.id } },
      });
      expect((await get('driver', own.id)).status).toBe(200);
      const hidden = await get('driver', others.id);
      const unknown = await get('driver', UNKNOWN_ID);
      expect(hidden.status).toBe(404);
      expect(hidden.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(hidden.body.code).toBe('NOT_FOUND');
      expect(unknown.status).toBe(404);
      expect(unknown.body.detail).toBe(hidden.body.detail.replace(others.id, UNKNOWN_ID));
    });

    it("shows a Maintainer and an Administrator every session of the installation, an Owner their own installation's", async () => {
      const resident = await newest({ chargerId: OFFICE_2 });
      const driver = await newest({ chargerId: OFFICE_1, userId: ACCOUNTS.driver.id });
      for (const account of ['service', 'admin'] as const) {
        expect((await get(account, resident.id)).status).toBe(200);
        expect((await get(account, driver.id)).status).toBe(200);
      }
      const home = await newest({ chargerId: DRIVEWAY });
      expect((await get('owner', home.id)).status).toBe(200);
      expect((await get('owner', resident.id)).status).toBe(404);
      expect((await get('admin', home.id)).status).toBe(404);
    });

    it('answers an outsider 404 for every session', async () => {
      const row = await newest({ chargerId: OFFICE_1 });
      const response = await get('outsider', row.id);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('NOT_FOUND');
    });
  });

  it('refuses an id that is not a UUID with 400 naming id, and no token with 401', async () => {
    const bad = await get('admin', 'not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(bad.body.errors).toEqual([{ field: 'id', messages: ['id must be a UUID'] }]);
    expect((await gateway.http().get(`/v1/sessions/${UNKNOWN_ID}`)).status).toBe(401);
  });
});
