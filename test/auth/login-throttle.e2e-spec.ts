import { startTestGateway, type TestGateway } from '../support/gateway';
import { ACCOUNTS, simulatorStats } from '../support/simulator';

// OWASP authentication cheat sheet: throttle the guesser, not the account. A stranger's wrong
// passwords from many addresses must not keep the owner's right password out.

describe('sign-in throttling across addresses', () => {
  let gateway: TestGateway;
  /** A sign-in from `address` (behind a trusted proxy that names the client). */
  const loginFrom = (address: string, password: string) =>
    gateway
      .http()
      .post('/v1/auth/login')
      .set('x-forwarded-for', address)
      .send({ username: ACCOUNTS.owner.email, password });

  beforeAll(async () => {
    gateway = await startTestGateway({ env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => gateway.close());

  it("lets the owner's right password in from a fresh address after 100 wrong tries from 22 addresses", async () => {
    const addresses = Array.from({ length: 22 }, (_, index) => `203.0.113.${index + 1}`);
    const before = await simulatorStats(gateway.simulator);
    // At most 5 tries per address: each is admitted and refused by Zaptec (one shared login).
    const guesses = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        loginFrom(addresses[index % addresses.length], 'a-wrong-guess'),
      ),
    );
    expect(new Set(guesses.map((response) => response.body.code))).toEqual(
      new Set(['INVALID_CREDENTIALS']),
    );
    // The guessing reached Zaptec (the throttle let every try through to be counted).
    const after = await simulatorStats(gateway.simulator);
    expect(after.byRoute['POST /oauth/token']).toBeGreaterThan(
      before.byRoute['POST /oauth/token'] ?? 0,
    );

    const owner = await loginFrom('198.51.100.7', ACCOUNTS.owner.password).expect(200);
    expect(owner.body.accessToken).toEqual(expect.any(String));
    // The guesser is still held back: another of its addresses gets no sixth try.
    const guesser = await loginFrom(addresses[0], 'another-guess').expect(429);
    expect(guesser.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
  }, 30_000);
});
