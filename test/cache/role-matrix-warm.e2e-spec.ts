import { RoleResolver } from '../../src/core/auth/role-resolver';
import { ACCOUNTS, MATRIX } from '../access/role-matrix-table';
import { storeSimulatorSessions } from '../modules/sessions/detail-support';
import { DEMO } from '../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { ACCOUNTS as DEMO_ACCOUNTS } from '../support/simulator';

/**
 * The role matrix again with the cache on and warm: every read answers every account as the
 * role table says, whoever filled the entry, and the reads the table allows are answered by the
 * hot path (before the guard, which would have asked the RoleResolver). So the hot path and the
 * guard decide alike on every cached route.
 */
/**
 * Reads that are not upstream data: who am I, the history the gateway stores itself (read from
 * PostgreSQL, which ingestion keeps current; a cache in front would only make it lag), and the
 * API keys (a revocation must show at once).
 */
const UNCACHED = new Set([
  'GET /v1/me',
  'GET /v1/api-keys',
  'GET /v1/sessions',
  'GET /v1/sessions/{id}',
  'GET /v1/chargers/{id}/observations',
  'GET /v1/installations/{id}/energy',
  'GET /v1/installations/{id}/audit',
]);

describe('role matrix with the cache warm', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ env: { CACHE_ENABLED: 'true' } });
    await storeSimulatorSessions(gateway.app, gateway.simulator, [[DEMO.home.id, 'owner']]);
    // Zaptec (so the simulator) takes one sign-in per account a second; the owner signs in next.
    await new Promise((resolve) => setTimeout(resolve, 1100));
  }, 60_000);
  afterAll(() => gateway.close());

  it('answers every account on every read as the role table says, hits from the hot path', async () => {
    const resolve = jest.spyOn(gateway.app.get(RoleResolver), 'resolve');
    const reads = MATRIX.filter(([route]) => route.startsWith('GET '));
    const mismatches: string[] = [];
    for (const account of ACCOUNTS) {
      const { email, password } = DEMO_ACCOUNTS[account];
      const login = await gateway.http().post('/v1/auth/login').send({ username: email, password });
      const bearer = `Bearer ${login.body.accessToken}`;
      for (const [route, path, , expected] of reads) {
        const url = typeof path === 'function' ? path(account) : path;
        const want = expected[ACCOUNTS.indexOf(account)];
        const cold = await gateway.http().get(url).set('authorization', bearer);
        resolve.mockClear();
        const warm = await gateway.http().get(url).set('authorization', bearer);
        const cached = !UNCACHED.has(route);
        const viaHotPath = resolve.mock.calls.length === 0;
        const got = `${cold.status}/${warm.status} ${warm.headers['x-cache'] ?? '-'}`;
        const hit = want === 200 && cached;
        const ok =
          cold.status === want &&
          warm.status === want &&
          (hit
            ? warm.headers['x-cache'] === 'HIT' && viaHotPath
            : warm.headers['x-cache'] === undefined);
        if (!ok)
          mismatches.push(
            `${route} (${url}) as ${account}: want ${want}, got ${got} hot=${viaHotPath}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
