import { PrismaService } from '../../../src/database/prisma.service';
import { DEMO, UNKNOWN_ID } from '../../simulator/fixtures';
import { PROBLEM_JSON, startTestGateway, type TestGateway } from '../../support/gateway';
import { ACCOUNTS, call, type DemoAccountName } from '../../support/simulator';
import { simulatorMeterKey } from '../sessions/detail-support';

const OFFICE_1 = DEMO.chargerId('Office 1');
const OFFICE_2 = DEMO.chargerId('Office 2');

/** PUT/GET /v1/chargers/{id}/meter-public-key, and the simulator's keys behind them. */
describe('meter public keys', () => {
  let gateway: TestGateway;
  let prisma: PrismaService;
  const put = async (account: DemoAccountName, chargerId: string, body: unknown) => {
    const { accessToken } = await gateway.signIn(account);
    return gateway
      .http()
      .put(`/v1/chargers/${chargerId}/meter-public-key`)
      .set('authorization', `Bearer ${accessToken}`)
      .send(body as object);
  };
  const stored = () => prisma.chargerMeterKey.count();

  beforeAll(async () => {
    gateway = await startTestGateway();
    prisma = gateway.app.get(PrismaService);
  });
  afterAll(() => gateway?.close());

  it("serves each charger's P-256 key from the simulator's control surface, 404 for an unknown charger", async () => {
    const key = await simulatorMeterKey(gateway.simulator, OFFICE_1);
    expect(key).toMatchObject({
      chargerId: OFFICE_1,
      algorithm: 'ECDSA-secp256r1-SHA256',
      publicKey: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n/),
      // DER SPKI of an id-ecPublicKey on prime256v1, as the Transparenzsoftware takes it.
      publicKeyHex: expect.stringMatching(
        /^3059301306072a8648ce3d020106082a8648ce3d03010703420004[0-9a-f]{128}$/,
      ),
    });
    expect((await simulatorMeterKey(gateway.simulator, OFFICE_2)).publicKeyHex).not.toBe(
      key.publicKeyHex,
    );
    const unknown = await call(
      gateway.simulator,
      undefined,
      'GET',
      `/__sim/chargers/${UNKNOWN_ID}/meter-public-key`,
    );
    expect(unknown.status).toBe(404);
  });

  it('lets a Maintainer register the key as PEM, stores it as DER SPKI hex and audits it', async () => {
    const key = await simulatorMeterKey(gateway.simulator, OFFICE_1);
    const response = await put('service', OFFICE_1.toUpperCase(), { publicKey: key.publicKey });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      chargerId: OFFICE_1,
      algorithm: 'ECDSA-secp256r1-SHA256',
      publicKey: key.publicKey,
      publicKeyHex: key.publicKeyHex,
      registeredBy: ACCOUNTS.service.id,
      registeredAt: expect.any(String),
    });
    const row = await prisma.chargerMeterKey.findUniqueOrThrow({ where: { chargerId: OFFICE_1 } });
    expect(row.publicKey).toBe(key.publicKeyHex);
    const audit = await prisma.auditEvent.findMany({
      where: { targetId: OFFICE_1, action: 'charger.meterPublicKey' },
    });
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: ACCOUNTS.service.id,
        outcome: 'SUCCEEDED',
        installationId: DEMO.office.id,
      }),
    ]);
  });

  it('accepts hex of the uncompressed point and replaces the earlier key', async () => {
    const key = await simulatorMeterKey(gateway.simulator, OFFICE_2);
    const point = `04${key.publicKeyHex.slice(-128)}`;
    expect(
      (await put('admin', OFFICE_2, { publicKey: point.toUpperCase() })).body.publicKeyHex,
    ).toBe(key.publicKeyHex);
    const other = await simulatorMeterKey(gateway.simulator, OFFICE_1);
    const replaced = await put('admin', OFFICE_2, { publicKey: other.publicKeyHex });
    expect(replaced.status).toBe(200);
    const row = await prisma.chargerMeterKey.findUniqueOrThrow({ where: { chargerId: OFFICE_2 } });
    expect(row.publicKey).toBe(other.publicKeyHex);
  });

  it.each([
    [
      'text that is no key',
      { publicKey: 'hello' },
      'publicKey must be an EC public key on P-256 as PEM or hex: not PEM and not hex',
    ],
    [
      'hex that is no key',
      { publicKey: 'abcdef' },
      expect.stringMatching(
        /^publicKey must be an EC public key on P-256 as PEM or hex: not a public key/,
      ),
    ],
    ['an empty key', { publicKey: '' }, 'publicKey should not be empty'],
    ['a number', { publicKey: 42 }, expect.stringMatching(/publicKey must be a string/)],
  ])('refuses %s with 400 naming publicKey, and stores nothing', async (_what, body, message) => {
    const before = await stored();
    const charger = DEMO.chargerId('Office 3');
    const response = await put('admin', charger, body);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual([
      { field: 'publicKey', messages: expect.arrayContaining([message]) },
    ]);
    expect(await stored()).toBe(before);
  });

  it('refuses a User with 403 and an outsider with 404, storing nothing', async () => {
    const key = await simulatorMeterKey(gateway.simulator, DEMO.chargerId('Office 4'));
    const before = await stored();
    const user = await put('driver', DEMO.chargerId('Office 4'), { publicKey: key.publicKey });
    expect(user.status).toBe(403);
    expect(user.body.code).toBe('FORBIDDEN');
    const outsider = await put('outsider', DEMO.chargerId('Office 4'), {
      publicKey: key.publicKey,
    });
    expect(outsider.status).toBe(404);
    expect(await stored()).toBe(before);
  });

  it('answers 400 for a charger id that is not a UUID', async () => {
    const bad = await put('admin', 'nope', { publicKey: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'id', messages: ['id must be a UUID'] }]);
  });
});
