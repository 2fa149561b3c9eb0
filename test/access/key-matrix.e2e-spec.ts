import { ACCOUNTS, MATRIX } from './role-matrix-table';
import { storeSimulatorSessions } from '../modules/sessions/detail-support';
import { DEMO } from '../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { ACCOUNTS as DEMO_ACCOUNTS } from '../support/simulator';

/**
 * The role matrix's reads, called with a partner key instead of a sign-in: a key holding the
 * admin's Administrator mask on Office must be answered as the admin is on every Office object
 * and with 404 on Home (not its installation). A key's principal is not a Zaptec user, so a
 * route that assumed one failed with a 500 once (the sessions list); this walks every read so
 * the next such route is caught here rather than by a partner.
 */
const ADMIN = ACCOUNTS.indexOf('admin');

/** Where a key's answer differs from the admin's by design, and why. */
const KEY_DIFFERS: Record<string, number> = {
  // A key is no Zaptec user, so it has no profile: 403 USER_REQUIRED, as documented.
  'GET /v1/me': 403,
};

describe('key matrix: an Administrator-mask key on Office against every read', () => {
  let gateway: TestGateway;
  let secret: string;

  beforeAll(async () => {
    gateway = await startTestGateway({
      // The service account a key's calls go upstream through: the admin holds Office.
      env: {
        ZAPTEC_USERNAME: DEMO_ACCOUNTS.admin.email,
        ZAPTEC_PASSWORD: DEMO_ACCOUNTS.admin.password,
      },
    });
    await storeSimulatorSessions(gateway.app, gateway.simulator, [[DEMO.home.id, 'owner']]);
    const admin = await gateway.as('admin');
    const minted = await admin
      .post('/v1/api-keys')
      .send({ name: 'Matrix', installationIds: [DEMO.office.id], roles: 8 })
      .expect(201);
    secret = minted.body.secret as string;
  }, 60_000);
  afterAll(() => gateway.close());

  it('answers the key as the admin on Office and 404 on Home, never a 5xx', async () => {
    const mismatches: string[] = [];
    for (const [route, path, , expected] of MATRIX) {
      if (!route.startsWith('GET ')) continue;
      const url = typeof path === 'function' ? path('admin') : path;
      const response = await gateway.http().get(url).set('x-api-key', secret);
      const want = KEY_DIFFERS[route] ?? expected[ADMIN];
      if (response.status !== want) {
        mismatches.push(
          `${route} (${url}): expected ${want}, got ${response.status} ${response.text.slice(0, 160)}`,
        );
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
