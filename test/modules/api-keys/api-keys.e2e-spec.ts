import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { RunningSimulator } from '../../../src/simulator/simulator';
import { generatedSite } from '../../../src/simulator/world/demo-data';
import { DEMO } from '../../simulator/fixtures';
import { PROBLEM_JSON } from '../../support/gateway';
import { type CapturedLog, startLoggedApp } from '../../support/log-capture';
import { ACCOUNTS, type DemoAccountName, startTestSimulator } from '../../support/simulator';

const OFFICE = DEMO.office.id;
const OFFICE_1 = DEMO.chargerId('Office 1');
/** The generated site "Depot": the demo admin, the service account here, is Administrator. */
const [DEPOT] = generatedSite(2);
const DEPOT_1 = DEPOT.circuits[0].chargers[0].id;

interface MintedKey {
  id: string;
  secret: string;
  prefix: string;
}

/**
 * Partner keys end to end: minted by a signed-in Administrator, used with `X-Api-Key` or
 * `Authorization: Bearer`, scoped to their installations and role mask, revoked and expired at
 * once (cached answers included), calling Zaptec as the service account (the demo admin).
 */
describe('API keys', () => {
  let simulator: RunningSimulator;
  let app: NestFastifyApplication;
  let log: CapturedLog;
  const bearers = new Map<DemoAccountName, string>();
  const secrets: string[] = [];
  const http = () => request(app.getHttpServer());

  const signIn = async (name: DemoAccountName): Promise<string> => {
    const { email, password } = ACCOUNTS[name];
    const login = await http().post('/v1/auth/login').send({ username: email, password });
    expect(login.status).toBe(200);
    return `Bearer ${(login.body as { accessToken: string }).accessToken}`;
  };
  const as = (name: DemoAccountName) => bearers.get(name)!;
  const mint = async (body: object, by: DemoAccountName = 'admin'): Promise<MintedKey> => {
    const response = await http().post('/v1/api-keys').set('authorization', as(by)).send(body);
    expect(response.status).toBe(201);
    const key = response.body as MintedKey;
    secrets.push(key.secret);
    return key;
  };
  const withKey = (path: string, secret: string) => http().get(path).set('x-api-key', secret);

  beforeAll(async () => {
    simulator = await startTestSimulator({ siteChargers: 2 });
    const admin = ACCOUNTS.admin;
    ({ app, log } = await startLoggedApp({
      ZAPTEC_API_URL: simulator.url,
      ZAPTEC_USERNAME: admin.email,
      ZAPTEC_PASSWORD: admin.password,
      CACHE_ENABLED: 'true',
    }));
    for (const name of ['admin', 'service'] as const) bearers.set(name, await signIn(name));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await simulator?.close();
  });

  it('shows the secret once, as zgw_ and 32 random bytes, and lists the key without it', async () => {
    const key = await mint({ name: 'Billing', installationIds: [OFFICE.toUpperCase()], roles: 1 });
    expect(key.secret).toMatch(/^zgw_[A-Za-z0-9_-]{43}$/);
    expect(key.secret.startsWith(key.prefix)).toBe(true);
    expect(key).toMatchObject({ installationIds: [OFFICE], roles: ['User'], roleFlags: 1 });

    const listed = await http().get('/v1/api-keys').set('authorization', as('admin')).expect(200);
    const mine = (listed.body as Record<string, unknown>[]).find((item) => item.id === key.id);
    expect(mine).toMatchObject({ prefix: key.prefix, revokedAt: null });
    expect(listed.text).not.toContain(key.secret);
    expect(Object.keys(mine!)).not.toEqual(expect.arrayContaining(['secret']));
    expect(listed.text).not.toMatch(/secretHash/);
    // The Maintainer of Office administers nothing: no keys to see.
    await http().get('/v1/api-keys').set('authorization', as('service')).expect(200, []);
  });

  it('acts only on its own installations: a charger of another one is 404, even one the service account sees', async () => {
    const key = await mint({ name: 'Office only', installationIds: [OFFICE], roles: 8 });
    await withKey(`/v1/chargers/${OFFICE_1}/state`, key.secret).expect(200);
    const other = await withKey(`/v1/chargers/${DEPOT_1}/state`, key.secret);
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('NOT_FOUND');
    // The service account (admin) sees Depot too, but the key's lists hold Office alone.
    const chargers = await http()
      .get('/v1/chargers')
      .set('authorization', `Bearer ${key.secret}`)
      .expect(200);
    const installations = new Set(
      (chargers.body as { installationId: string }[]).map((charger) => charger.installationId),
    );
    expect([...installations]).toEqual([OFFICE]);
    const listed = await withKey('/v1/installations', key.secret).expect(200);
    expect((listed.body as { id: string; roleFlags: number }[]).map((item) => item.id)).toEqual([
      OFFICE,
    ]);
  });

  it('holds only its role mask: a User key is refused charger settings with 403', async () => {
    const key = await mint({ name: 'Driver app', installationIds: [OFFICE], roles: 1 });
    const settings = await withKey(`/v1/chargers/${OFFICE_1}/settings`, key.secret);
    expect(settings.status).toBe(403);
    expect(settings.body.code).toBe('FORBIDDEN');
    // It reads the installation as a User would (no limits), not as the Administrator that the
    // service account is.
    const installation = await withKey(`/v1/installations/${OFFICE}`, key.secret).expect(200);
    expect(installation.body).toMatchObject({ roles: ['User'], roleFlags: 1 });
    expect(installation.body).not.toHaveProperty('maxCurrent');
    const owner = await mint({ name: 'Owner app', installationIds: [OFFICE], roles: 2 });
    const charger = await withKey(`/v1/chargers/${OFFICE_1}`, owner.secret).expect(200);
    expect(charger.body).toMatchObject({ roles: ['Owner'], roleFlags: 2 });
    // A User sees their own sessions only, and a key is nobody's user: none, not an upstream error.
    const history = await withKey(`/v1/charge-history?installationId=${OFFICE}`, key.secret);
    expect([history.status, history.body.items]).toEqual([200, []]);
  });

  it('is minted only by an Administrator, with no roles beyond theirs, and never by a key', async () => {
    const body = { name: 'Partner', installationIds: [OFFICE], roles: 1 };
    const byMaintainer = await http()
      .post('/v1/api-keys')
      .set('authorization', as('service'))
      .send(body);
    expect(byMaintainer.status).toBe(403);
    expect(byMaintainer.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(byMaintainer.body).toMatchObject({
      code: 'NOT_ADMINISTRATOR',
      details: { installationId: OFFICE },
    });

    // The admin is Administrator on Office but not DeviceAdministrator (32) there.
    const tooStrong = await http()
      .post('/v1/api-keys')
      .set('authorization', as('admin'))
      .send({ ...body, roles: 8 | 32 });
    expect(tooStrong.status).toBe(403);
    expect(tooStrong.body).toMatchObject({
      code: 'ROLES_EXCEED_OWN',
      details: { excessRoles: ['DeviceAdministrator'] },
    });
    // Nor on Home, where the admin holds no role at all.
    const elsewhere = await http()
      .post('/v1/api-keys')
      .set('authorization', as('admin'))
      .send({ ...body, installationIds: [OFFICE, DEMO.home.id] });
    expect(elsewhere.body).toMatchObject({
      code: 'NOT_ADMINISTRATOR',
      details: { installationId: DEMO.home.id },
    });

    const admin = await mint({ ...body, roles: 8 });
    const byKey = await http().post('/v1/api-keys').set('x-api-key', admin.secret).send(body);
    expect(byKey.status).toBe(403);
    expect(byKey.body.code).toBe('USER_REQUIRED');

    const before = await http().get('/v1/api-keys').set('authorization', as('admin'));
    expect(
      (before.body as { name: string }[]).filter((key) => key.name === 'Partner'),
    ).toHaveLength(1);
  });

  it('refuses bad input with 400 and stores nothing', async () => {
    const cases = [
      { name: 'x', installationIds: ['not-a-uuid'], roles: 1 },
      { name: 'x', installationIds: [], roles: 1 },
      { name: 'x', installationIds: [OFFICE], roles: 0 },
      { name: 'x', installationIds: [OFFICE], roles: 1, expiresAt: '2020-01-01T00:00:00Z' },
      { name: 'x', installationIds: [OFFICE], roles: 1, expiresAt: 'tomorrow' },
      { name: 'x', installationIds: [OFFICE], roles: 1, secret: 'zgw_mine' },
    ];
    for (const body of cases) {
      const response = await http()
        .post('/v1/api-keys')
        .set('authorization', as('admin'))
        .send(body);
      expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const listed = await http().get('/v1/api-keys').set('authorization', as('admin'));
    expect((listed.body as { name: string }[]).map((key) => key.name)).not.toContain('x');
    await http().delete('/v1/api-keys/nope').set('authorization', as('admin')).expect(400);
  });

  it('answers 401 from the request after revocation, even for a state already in the cache', async () => {
    const key = await mint({ name: 'Revoked soon', installationIds: [OFFICE], roles: 8 });
    const state = `/v1/chargers/${OFFICE_1}/state`;
    await withKey(state, key.secret).expect(200);
    const hit = await withKey(state, key.secret).expect(200);
    expect(hit.headers['x-cache']).toBe('HIT');

    await http()
      .delete(`/v1/api-keys/${key.id.toUpperCase()}`)
      .set('authorization', as('admin'))
      .expect(204);
    const after = await withKey(state, key.secret);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
    await http().get(state).set('authorization', `Bearer ${key.secret}`).expect(401);

    const listed = await http().get('/v1/api-keys').set('authorization', as('admin'));
    const revoked = (listed.body as { id: string; revokedAt: string | null }[]).find(
      (item) => item.id === key.id,
    );
    expect(revoked?.revokedAt).toEqual(expect.any(String));

    // Both acts are in the installation's audit log, by the admin, naming the key, never its secret.
    const audit = async (action: string) => {
      const page = await http()
        .get(`/v1/installations/${OFFICE}/audit?action=${action}`)
        .set('authorization', as('admin'))
        .expect(200);
      const items = (page.body as { items: Record<string, unknown>[] }).items;
      expect(JSON.stringify(items)).not.toContain(key.secret);
      return items.filter((item) => item.targetId === key.id);
    };
    const adminId = ACCOUNTS.admin.id;
    expect(await audit('api-key.create')).toEqual([
      expect.objectContaining({
        actorType: 'USER',
        actorId: adminId,
        targetType: 'api-key',
        installationId: OFFICE,
        outcome: 'SUCCEEDED',
        requestId: expect.any(String),
        details: expect.objectContaining({
          name: 'Revoked soon',
          prefix: key.prefix,
          roles: ['Administrator'],
        }),
      }),
    ]);
    expect(await audit('api-key.revoke')).toEqual([
      expect.objectContaining({ actorId: adminId, targetType: 'api-key', outcome: 'SUCCEEDED' }),
    ]);
    // Revoking again changes nothing, so it adds no line.
    await http().delete(`/v1/api-keys/${key.id}`).set('authorization', as('admin')).expect(204);
    expect(await audit('api-key.revoke')).toHaveLength(1);
  });

  it('answers 401 once the key has expired', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const key = await mint({ name: 'Short', installationIds: [OFFICE], roles: 8, expiresAt });
    const state = `/v1/chargers/${OFFICE_1}/state`;
    await withKey(state, key.secret).expect(200);
    await withKey(state, key.secret).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const expired = await withKey(state, key.secret);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(expired.body.detail).toContain('expired');
  });

  it('answers 401 for an unknown or forged key', async () => {
    const key = await mint({ name: 'Forged', installationIds: [OFFICE], roles: 8 });
    const forged = `${key.prefix}${'A'.repeat(key.secret.length - key.prefix.length)}`;
    const state = `/v1/chargers/${OFFICE_1}/state`;
    await withKey(state, key.secret).expect(200);
    await withKey(state, forged).expect(401);
    await withKey(state, 'zgw_unknown').expect(401);
  });

  it('records when a key was last used', async () => {
    const key = await mint({ name: 'Used', installationIds: [OFFICE], roles: 8 });
    await withKey(`/v1/installations/${OFFICE}`, key.secret).expect(200);
    let lastUsedAt: string | null = null;
    for (let tries = 0; tries < 20 && !lastUsedAt; tries++) {
      const listed = await http().get('/v1/api-keys').set('authorization', as('admin'));
      lastUsedAt =
        (listed.body as { id: string; lastUsedAt: string | null }[]).find(
          (item) => item.id === key.id,
        )?.lastUsedAt ?? null;
      if (!lastUsedAt) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(lastUsedAt).toEqual(expect.any(String));
  });

  it('writes no secret into any log line', async () => {
    expect(secrets.length).toBeGreaterThan(5);
    const text = await log.text();
    expect(text).toContain('/v1/api-keys'); // the requests were logged
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(12)); // nor its random part
    }
  });
});

describe('API keys without a role for the service account', () => {
  let simulator: RunningSimulator;
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    simulator = await startTestSimulator();
    // The owner as service account: it holds a role on Home only, not on Office.
    ({ app } = await startLoggedApp({
      ZAPTEC_API_URL: simulator.url,
      ZAPTEC_USERNAME: ACCOUNTS.owner.email,
      ZAPTEC_PASSWORD: ACCOUNTS.owner.password,
      LOG_LEVEL: 'silent',
    }));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await simulator?.close();
  });

  it("answers the key's calls on its installation 403 SERVICE_ACCOUNT_NO_ROLE", async () => {
    const { email, password } = ACCOUNTS.admin;
    const login = await http().post('/v1/auth/login').send({ username: email, password });
    const minted = await http()
      .post('/v1/api-keys')
      .set('authorization', `Bearer ${login.body.accessToken}`)
      .send({ name: 'Office', installationIds: [OFFICE], roles: 8 })
      .expect(201);
    const response = await http()
      .get(`/v1/installations/${OFFICE}`)
      .set('x-api-key', minted.body.secret);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      code: 'SERVICE_ACCOUNT_NO_ROLE',
      details: { installationId: OFFICE },
    });
  });
});
