import { isBrokenCircuitError } from 'cockatiel';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { CredentialSession } from '../../src/upstream/zaptec/credential-session';
import { UpstreamBusyError, UpstreamHttpError } from '../../src/upstream/zaptec/upstream-errors';
import { upstreamProblem } from '../../src/core/errors/upstream-problem';
import {
  type UpstreamSession,
  ZaptecClient,
  type ZaptecClientOptions,
} from '../../src/upstream/zaptec/zaptec-client';
import { DEMO } from '../simulator/fixtures';
import { ACCOUNTS, injectFaults, simulatorStats, startTestSimulator } from '../support/simulator';

const OFFICE_1 = DEMO.chargerId('Office 1');

function clientFor(
  simulator: RunningSimulator,
  overrides: Partial<ZaptecClientOptions> = {},
): ZaptecClient {
  return new ZaptecClient({
    baseUrl: simulator.url,
    userAgent: 'zaptec-gateway/test',
    timeoutMs: 2_000,
    limiter: { perSecond: 10, maxQueued: 200, maxWaitMs: 30_000 },
    getAttempts: 3,
    breaker: { failures: 5, openMs: 10_000 },
    ...overrides,
  });
}

const admin = (client: ZaptecClient) =>
  new CredentialSession(client, ACCOUNTS.admin.email, ACCOUNTS.admin.password);
const statePath = `/api/chargers/${OFFICE_1}/state`;

describe('the Zaptec client against the simulator', () => {
  let simulator: RunningSimulator;
  let client: ZaptecClient;

  beforeEach(async () => {
    simulator = await startTestSimulator();
    client = clientFor(simulator);
  });
  afterEach(async () => {
    await client.close();
    await simulator.close();
  });

  it('keeps Zaptec from ever answering 429 when one account bursts 100 reads', async () => {
    const session = admin(client);
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        client.request<unknown[]>(session, { method: 'GET', path: statePath }),
      ),
    );
    expect(results.every((state) => Array.isArray(state) && state.length > 20)).toBe(true);
    const seen = await simulatorStats(simulator);
    expect(seen.byRoute['GET /api/chargers/:id/state']).toBe(100);
    expect(seen.byStatus['429']).toBeUndefined();
  }, 30_000);

  it('signs in once for many concurrent first calls', async () => {
    const session = admin(client);
    await Promise.all(
      Array.from({ length: 8 }, () =>
        client.request(session, { method: 'GET', path: '/api/installation' }),
      ),
    );
    expect((await simulatorStats(simulator)).byRoute['POST /oauth/token']).toBe(1);
  });

  it('signs the service account in again, once, when upstream revokes its token', async () => {
    const session = admin(client);
    await client.request(session, { method: 'GET', path: '/api/installation' });
    await injectFaults(simulator, { revokeTokens: true });
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // Zaptec's ~1 login/s per user
    const page = await client.request<{ Pages: number }>(session, {
      method: 'GET',
      path: '/api/installation',
    });
    expect(page?.Pages).toBe(1);
    expect((await simulatorStats(simulator)).byRoute['POST /oauth/token']).toBe(2);
  });

  it('refuses requests beyond the queue bound with 503 UPSTREAM_BUSY and Retry-After', async () => {
    const bounded = clientFor(simulator, {
      limiter: { perSecond: 10, maxQueued: 5, maxWaitMs: 30_000 },
    });
    const session = admin(bounded);
    await session.accessToken();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, () =>
        bounded.request(session, { method: 'GET', path: statePath }),
      ),
    );
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    const reason = refused[0].reason;
    expect(reason).toBeInstanceOf(UpstreamBusyError);
    const problem = upstreamProblem(reason)!;
    expect([problem.getStatus(), problem.code, problem.headers['retry-after']]).toEqual([
      503,
      'UPSTREAM_BUSY',
      '1',
    ]);
    await bounded.close();
  }, 20_000);

  it('turns a hang into 504 UPSTREAM_TIMEOUT', async () => {
    const impatient = clientFor(simulator, { timeoutMs: 300, getAttempts: 1 });
    const session = admin(impatient);
    await session.accessToken();
    await injectFaults(simulator, { hang: true, paths: ['/api/chargers'] });
    const error = await impatient
      .request(session, { method: 'GET', path: statePath })
      .catch((caught: unknown) => caught);
    expect([upstreamProblem(error)?.getStatus(), upstreamProblem(error)?.code]).toEqual([
      504,
      'UPSTREAM_TIMEOUT',
    ]);
    await impatient.close();
  });

  it('turns an outage into 502 UPSTREAM_UNREACHABLE, then opens the breaker and stops calling', async () => {
    const fragile = clientFor(simulator, {
      getAttempts: 1,
      breaker: { failures: 3, openMs: 60_000 },
    });
    const session = admin(fragile);
    await session.accessToken();
    await injectFaults(simulator, { outage: true, paths: ['/api/chargers'] });
    const errors: unknown[] = [];
    for (let index = 0; index < 5; index += 1) {
      errors.push(
        await fragile
          .request(session, { method: 'GET', path: statePath })
          .catch((caught: unknown) => caught),
      );
    }
    expect(errors.slice(0, 3).map((error) => upstreamProblem(error)?.code)).toEqual(
      Array(3).fill('UPSTREAM_UNREACHABLE'),
    );
    expect(errors.slice(3).every(isBrokenCircuitError)).toBe(true);
    expect(upstreamProblem(errors[4])?.getStatus()).toBe(503);
    expect((await simulatorStats(simulator)).byRoute['GET /api/chargers/:id/state']).toBe(3);
    await fragile.close();
  });

  it('retries a read on an empty 500 but never a write', async () => {
    const session = admin(client);
    await session.accessToken();
    await injectFaults(simulator, {
      errorRate: 1,
      errorKind: 'empty-500',
      paths: ['/api/chargers'],
    });
    await expect(
      client.request(session, { method: 'GET', path: statePath }),
    ).rejects.toBeInstanceOf(UpstreamHttpError);
    await expect(
      client.request(session, {
        method: 'POST',
        path: `/api/chargers/${OFFICE_1}/update`,
        json: { maxChargeCurrent: 10 },
      }),
    ).rejects.toBeInstanceOf(UpstreamHttpError);
    const byRoute = (await simulatorStats(simulator)).byRoute;
    expect([
      byRoute['GET /api/chargers/:id/state'],
      byRoute['POST /api/chargers/:id/update'],
    ]).toEqual([3, 1]);
  });

  it('waits out Retry-After on a 429 and says UPSTREAM_RATE_LIMITED when it persists', async () => {
    const session = admin(client);
    await session.accessToken();
    await injectFaults(simulator, { rateLimitStorm: true, paths: ['/api/chargers'] });
    const startedAt = Date.now();
    const error = await client
      .request(session, { method: 'GET', path: statePath })
      .catch((caught: unknown) => caught);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_900); // two waits of Retry-After: 1
    expect([upstreamProblem(error)?.getStatus(), upstreamProblem(error)?.code]).toEqual([
      503,
      'UPSTREAM_RATE_LIMITED',
    ]);
  });

  it('maps Zaptec business errors to fitting 4xx codes', async () => {
    const session = admin(client);
    const unknown = await client
      .request(session, {
        method: 'GET',
        path: '/api/chargers/00000000-0000-4000-8000-000000000000/state',
      })
      .catch((caught: unknown) => caught);
    expect([upstreamProblem(unknown)?.getStatus(), upstreamProblem(unknown)?.code]).toEqual([
      404,
      'UNKNOWN_OBJECT',
    ]);

    const badCommand = await client
      .request(session, { method: 'POST', path: `/api/chargers/${OFFICE_1}/sendCommand/12345` })
      .catch((caught: unknown) => caught);
    expect([upstreamProblem(badCommand)?.getStatus(), upstreamProblem(badCommand)?.code]).toEqual([
      422,
      'UNKNOWN_COMMAND',
    ]);
  });

  it('tells an end user whose Zaptec session expired to sign in again (no re-login for them)', async () => {
    const expiring = await startTestSimulator({ tokenTtlSeconds: 1 });
    const userClient = clientFor(expiring);
    const issued = await userClient.login(ACCOUNTS.driver.email, ACCOUNTS.driver.password);
    const session: UpstreamSession = {
      account: ACCOUNTS.driver.email,
      accessToken: () => Promise.resolve(issued.access_token),
      renew: () => Promise.resolve(false),
    };
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const error = await userClient
      .request(session, { method: 'GET', path: '/api/installation' })
      .catch((caught: unknown) => caught);
    expect([upstreamProblem(error)?.getStatus(), upstreamProblem(error)?.code]).toEqual([
      401,
      'UPSTREAM_SESSION_EXPIRED',
    ]);
    await userClient.close();
    await expiring.close();
  });
});
