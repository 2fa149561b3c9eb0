import { ACCOUNTS, MATRIX } from './role-matrix-table';
import { storeSimulatorSessions } from '../modules/sessions/detail-support';
import { DEMO } from '../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { ACCOUNTS as DEMO_ACCOUNTS, type DemoAccountName } from '../support/simulator';

describe('role matrix: the five demo accounts against every route', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
    // What ingestion would have stored (off in tests), for the stored-session rows.
    await storeSimulatorSessions(gateway.app, gateway.simulator, [[DEMO.home.id, 'owner']]);
    // Zaptec (so the simulator) takes one sign-in per account a second; the owner signs in next.
    await new Promise((resolve) => setTimeout(resolve, 1100));
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
          [method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](url)
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
