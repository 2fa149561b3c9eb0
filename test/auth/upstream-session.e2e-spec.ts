import { sleep } from '../simulator/fixtures';
import { PROBLEM_JSON, startTestGateway, type TestGateway } from '../support/gateway';
import { ACCOUNTS, injectFaults, simulatorStats } from '../support/simulator';

// Zaptec tokens last about a day and cannot be refreshed (zaptec-api.md §2): once the Zaptec token
// behind a sign-in is gone, the gateway answers 401 UPSTREAM_SESSION_EXPIRED so the app signs in
// again, on every call and on refresh (design.md "Authentication").

const TOKEN_TTL_SECONDS = 4;

describe('an expired Zaptec session', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ simulator: { tokenTtlSeconds: TOKEN_TTL_SECONDS } });
  });
  afterAll(() => gateway.close());

  const signIn = async (name: 'owner' | 'driver') => {
    const { email, password } = ACCOUNTS[name];
    const response = await gateway
      .http()
      .post('/v1/auth/login')
      .send({ username: email, password })
      .expect(200);
    return response.body as { accessToken: string; refreshToken: string; sessionExpiresAt: string };
  };
  const me = (accessToken: string) =>
    gateway.http().get('/v1/me').set('authorization', `Bearer ${accessToken}`);
  const refresh = (refreshToken: string) =>
    gateway.http().post('/v1/auth/refresh').send({ refreshToken });

  it('answers calls and refresh with 401 UPSTREAM_SESSION_EXPIRED once Zaptec revoked the token', async () => {
    const tokens = await signIn('driver');
    await injectFaults(gateway.simulator, { revokeTokens: true });

    const call = await me(tokens.accessToken).expect(401);
    expect(call.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(call.body.code).toBe('UPSTREAM_SESSION_EXPIRED');

    // Remembered: neither the next call nor a refresh gets new tokens for a dead Zaptec session,
    // and nothing more goes to Zaptec for it.
    const before = (await simulatorStats(gateway.simulator)).total;
    expect((await me(tokens.accessToken).expect(401)).body.code).toBe('UPSTREAM_SESSION_EXPIRED');
    expect((await refresh(tokens.refreshToken).expect(401)).body.code).toBe(
      'UPSTREAM_SESSION_EXPIRED',
    );
    expect((await simulatorStats(gateway.simulator)).total).toBe(before);
    // All of this happened before the token's own expiry: it was Zaptec's 401 that ended it.
    expect(Date.now()).toBeLessThan(Date.parse(tokens.sessionExpiresAt));
  });

  it('answers calls and refresh with 401 UPSTREAM_SESSION_EXPIRED once the token has expired', async () => {
    const tokens = await signIn('owner');
    const expiresAt = Date.parse(tokens.sessionExpiresAt);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(TOKEN_TTL_SECONDS * 1000);
    await me(tokens.accessToken).expect(200);

    await sleep(expiresAt - Date.now() + 50);

    const call = await me(tokens.accessToken).expect(401);
    expect(call.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(call.body.code).toBe('UPSTREAM_SESSION_EXPIRED');
    const refreshed = await refresh(tokens.refreshToken).expect(401);
    expect(refreshed.body.code).toBe('UPSTREAM_SESSION_EXPIRED');
  }, 15_000);
});
