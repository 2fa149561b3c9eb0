import { randomBytes } from 'node:crypto';
import { ApiProblem } from '../../core/errors/problem';
import { AccessTokens } from './access-tokens';
import type { AuthSessionsRepository } from './auth-sessions.repository';
import { TokenCipher } from './token-cipher';
import { UserPrincipals } from './user-principals';

const SESSION_ID = '3f0b8f9e-8d8c-4c1e-9a51-2f6f4f0d1a11';
const SUBJECT = 'zaptec-user-1';
const HOUR_MS = 3_600_000;

function setup() {
  const tokens = new AccessTokens(randomBytes(32).toString('hex'), 900);
  const cipher = new TokenCipher(randomBytes(32));
  const row = {
    id: SESSION_ID,
    subject: SUBJECT,
    username: 'owner@demo.zaptec.local',
    upstreamToken: cipher.encrypt('zaptec-token'),
    upstreamExpiresAt: new Date(Date.now() + HOUR_MS),
    revokedAt: null as Date | null,
  };
  let release: (() => void) | undefined;
  const repository = {
    /** While `slow`, a load waits until `release()`. */
    slow: false,
    findSession: jest.fn(async () => {
      if (repository.slow) await new Promise<void>((resolve) => (release = resolve));
      return { ...row };
    }),
    endUpstreamSession: jest.fn((_id: string, at: Date) => {
      row.upstreamExpiresAt = at;
      return Promise.resolve();
    }),
  };
  const principals = new UserPrincipals(
    tokens,
    repository as unknown as AuthSessionsRepository,
    cipher,
  );
  const bearer = tokens.issue({ sub: SUBJECT, sid: SESSION_ID });
  return { principals, repository, row, bearer, release: () => release?.() };
}

async function codeOf(attempt: Promise<unknown>): Promise<string> {
  const error = await attempt.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return error instanceof ApiProblem ? error.code : `not a problem: ${String(error)}`;
}

describe('UserPrincipals', () => {
  it('resolves a bearer token to its sign-in and the decrypted Zaptec token', async () => {
    const { principals, bearer } = setup();
    const principal = await principals.resolve(bearer);
    expect(principal).toMatchObject({ kind: 'user', id: SUBJECT, sessionId: SESSION_ID });
    await expect(principal.upstream.accessToken()).resolves.toBe('zaptec-token');
  });

  it('refuses a sign-in at once after forget(), although it was held in memory', async () => {
    const { principals, repository, row, bearer } = setup();
    await principals.resolve(bearer);
    row.revokedAt = new Date();
    principals.forget(SESSION_ID);
    expect(await codeOf(principals.resolve(bearer))).toBe('UNAUTHENTICATED');
    expect(repository.findSession).toHaveBeenCalledTimes(2);
  });

  it('answers 401, not an internal error, to a request whose load forget() cut short', async () => {
    const { principals, repository, row, bearer, release } = setup();
    repository.slow = true;
    const racing = principals.resolve(bearer);
    await new Promise((resolve) => setImmediate(resolve));
    row.revokedAt = new Date();
    principals.forget(SESSION_ID);
    release();
    expect(await codeOf(racing)).toBe('UNAUTHENTICATED');
  });

  it('ends the Zaptec session when Zaptec refuses its token, without asking the database again', async () => {
    const { principals, repository, bearer } = setup();
    const principal = await principals.resolve(bearer);
    await expect(principal.upstream.renew()).resolves.toBe(false);
    expect(repository.endUpstreamSession).toHaveBeenCalledWith(SESSION_ID, expect.any(Date));
    expect(await codeOf(principals.resolve(bearer))).toBe('UPSTREAM_SESSION_EXPIRED');
    expect(repository.findSession).toHaveBeenCalledTimes(1);
  });

  it('refuses a token whose subject does not own the sign-in it names', async () => {
    const { principals } = setup();
    const tokens = (principals as unknown as { tokens: AccessTokens }).tokens;
    const forged = tokens.issue({ sub: 'someone-else', sid: SESSION_ID });
    expect(await codeOf(principals.resolve(forged))).toBe('UNAUTHENTICATED');
  });
});
