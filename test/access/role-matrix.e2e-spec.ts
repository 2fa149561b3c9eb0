import { DEMO } from '../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { ACCOUNTS as DEMO_ACCOUNTS, type DemoAccountName } from '../support/simulator';

/** Expected status per demo account: owner, admin, service, driver, outsider. */
type Row = [
  route: string,
  path: string | ((account: DemoAccountName) => string),
  body: object | undefined,
  expected: [owner: number, admin: number, service: number, driver: number, outsider: number],
];

const ACCOUNTS: DemoAccountName[] = ['owner', 'admin', 'service', 'driver', 'outsider'];
const office = DEMO.office.id;
const officeCircuit = DEMO.office.circuitIds[0];
const office1 = DEMO.chargerId('Office 1');
const home = DEMO.home.id;
const driveway = DEMO.chargerId('Driveway');
/** A charger of its own per account where a command changes state (a restart takes it offline). */
const restartTarget: Record<DemoAccountName, string> = {
  owner: DEMO.chargerId('Garage'),
  admin: DEMO.chargerId('Office 4'),
  service: DEMO.chargerId('Office 5'),
  driver: DEMO.chargerId('Office 6'),
  outsider: DEMO.chargerId('Office 6'),
};

/**
 * design.md's role table, route by route, as the five demo accounts meet it: owner (User|Owner on
 * Home), admin (Administrator on Office), service (Maintainer on Office), driver (User on
 * Office), outsider (no role). 404 = no role on the object, 403 = a role too weak.
 */
const MATRIX: Row[] = [
  ['GET /v1/constants', '/v1/constants', undefined, [200, 200, 200, 200, 200]],
  ['GET /v1/me', '/v1/me', undefined, [200, 200, 200, 200, 200]],
  ['GET /v1/installations', '/v1/installations', undefined, [200, 200, 200, 200, 200]],
  [
    'GET /v1/installations/{id}',
    `/v1/installations/${office}`,
    undefined,
    [404, 200, 200, 200, 404],
  ],
  ['GET /v1/installations/{id}', `/v1/installations/${home}`, undefined, [200, 404, 404, 404, 404]],
  [
    'GET /v1/installations/{id}/hierarchy',
    `/v1/installations/${office}/hierarchy`,
    undefined,
    [404, 200, 200, 403, 404],
  ],
  [
    'GET /v1/installations/{id}/hierarchy',
    `/v1/installations/${home}/hierarchy`,
    undefined,
    [200, 404, 404, 404, 404],
  ],
  [
    'POST /v1/installations/{id}/limits',
    `/v1/installations/${office}/limits`,
    { availableCurrent: 40 },
    [404, 200, 200, 403, 404],
  ],
  [
    'POST /v1/installations/{id}/limits',
    `/v1/installations/${home}/limits`,
    { availableCurrent: 25 },
    [200, 404, 404, 404, 404],
  ],
  [
    'GET /v1/installations/{id}/firmware',
    `/v1/installations/${office}/firmware`,
    undefined,
    [404, 200, 200, 403, 404],
  ],
  ['GET /v1/circuits/{id}', `/v1/circuits/${officeCircuit}`, undefined, [404, 200, 200, 403, 404]],
  [
    'GET /v1/circuits/{id}',
    `/v1/circuits/${DEMO.home.circuitId}`,
    undefined,
    [200, 404, 404, 404, 404],
  ],
  ['GET /v1/chargers', '/v1/chargers', undefined, [200, 200, 200, 200, 200]],
  [
    'GET /v1/chargers',
    `/v1/chargers?installationId=${office}`,
    undefined,
    [404, 200, 200, 200, 404],
  ],
  ['GET /v1/chargers/{id}', `/v1/chargers/${office1}`, undefined, [404, 200, 200, 403, 404]],
  ['GET /v1/chargers/{id}', `/v1/chargers/${driveway}`, undefined, [200, 404, 404, 404, 404]],
  [
    'GET /v1/chargers/{id}/state',
    `/v1/chargers/${office1}/state`,
    undefined,
    [404, 200, 200, 403, 404],
  ],
  [
    'GET /v1/chargers/{id}/state',
    `/v1/chargers/${driveway}/state`,
    undefined,
    [200, 404, 404, 404, 404],
  ],
  [
    'GET /v1/chargers/{id}/settings',
    `/v1/chargers/${office1}/settings`,
    undefined,
    [404, 200, 200, 403, 404],
  ],
  [
    'PATCH /v1/chargers/{id}/settings',
    `/v1/chargers/${office1}/settings`,
    { maxChargeCurrent: 16 },
    [404, 202, 202, 403, 404],
  ],
  [
    'PATCH /v1/chargers/{id}/settings',
    `/v1/chargers/${driveway}/settings`,
    { maxChargeCurrent: 20 },
    [202, 404, 404, 404, 404],
  ],
  [
    'POST /v1/chargers/{id}/commands',
    (account) => `/v1/chargers/${restartTarget[account]}/commands`,
    { command: 'RestartCharger' },
    [202, 202, 202, 403, 404],
  ],
  // A service command: Maintainer and Administrator only, so the Owner's own charger says 403.
  [
    'POST /v1/chargers/{id}/commands',
    `/v1/chargers/${office1}/commands`,
    { command: 'ResetComErrors' },
    [404, 202, 202, 403, 404],
  ],
  [
    'POST /v1/chargers/{id}/commands',
    `/v1/chargers/${driveway}/commands`,
    { command: 'ResetComErrors' },
    [403, 404, 404, 404, 404],
  ],
  // Every role may authorize; with the clock stopped no charger waits for it, so Zaptec refuses (409).
  [
    'POST /v1/chargers/{id}/authorize',
    `/v1/chargers/${office1}/authorize`,
    undefined,
    [404, 409, 409, 409, 404],
  ],
  ['GET /v1/charge-history', '/v1/charge-history', undefined, [200, 200, 200, 200, 200]],
  [
    'GET /v1/charge-history',
    `/v1/charge-history?installationId=${office}`,
    undefined,
    [404, 200, 200, 200, 404],
  ],
];

describe('role matrix: the five demo accounts against every route', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
  }, 60_000);
  afterAll(() => gateway.close());

  it('answers every account on every route as the role table says', async () => {
    const mismatches: string[] = [];
    const check = (
      label: string,
      account: DemoAccountName,
      expected: number,
      actual: number,
      text: string,
    ) => {
      if (actual !== expected)
        mismatches.push(
          `${label} as ${account}: expected ${expected}, got ${actual} ${text.slice(0, 160)}`,
        );
    };

    for (const account of ACCOUNTS) {
      const { email, password } = DEMO_ACCOUNTS[account];
      const login = await gateway.http().post('/v1/auth/login').send({ username: email, password });
      check('POST /v1/auth/login', account, 200, login.status, login.text);
      const refreshed = await gateway
        .http()
        .post('/v1/auth/refresh')
        .send({ refreshToken: login.body.refreshToken });
      check('POST /v1/auth/refresh', account, 200, refreshed.status, refreshed.text);
      const bearer = `Bearer ${refreshed.body.accessToken}`;

      for (const [route, path, body, expected] of MATRIX) {
        const [method] = route.split(' ');
        const url = typeof path === 'function' ? path(account) : path;
        const call = gateway
          .http()
          [method.toLowerCase() as 'get' | 'post' | 'patch'](url)
          .set('authorization', bearer);
        const response = await (body === undefined ? call : call.send(body));
        check(
          `${route} (${url})`,
          account,
          expected[ACCOUNTS.indexOf(account)],
          response.status,
          response.text,
        );
      }

      const logout = await gateway.http().post('/v1/auth/logout').set('authorization', bearer);
      check('POST /v1/auth/logout', account, 204, logout.status, logout.text);
      const after = await gateway.http().get('/v1/me').set('authorization', bearer);
      check('GET /v1/me after logout', account, 401, after.status, after.text);
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('has a row for every operation of the OpenAPI document', async () => {
    const document = (await gateway.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
      );
    const covered = new Set([
      ...MATRIX.map(([route]) => route),
      'POST /v1/auth/login',
      'POST /v1/auth/refresh',
      'POST /v1/auth/logout',
    ]);
    expect(documented.filter((route) => !covered.has(route))).toEqual([]);
  });
});
