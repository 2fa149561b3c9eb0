import { PrismaService } from '../../src/database/prisma.service';
import { jwtPayload } from '../simulator/fixtures';
import { PROBLEM_JSON, startTestGateway, type TestGateway } from '../support/gateway';
import { ACCOUNTS } from '../support/simulator';

// design.md "Authentication": refresh tokens rotate, and re-use of an old one revokes the family
// (the whole sign-in: every refresh token and every access token issued for it).

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

describe('POST /v1/auth/refresh', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  /** A sign-in of its own (not the suite's cached one), so each test ends only its own. */
  const signIn = async (): Promise<Tokens> =>
    (
      await gateway
        .http()
        .post('/v1/auth/login')
        .send({ username: ACCOUNTS.owner.email, password: ACCOUNTS.owner.password })
        .expect(200)
    ).body;
  const refresh = (refreshToken: string) =>
    gateway.http().post('/v1/auth/refresh').send({ refreshToken });
  const me = (accessToken: string) =>
    gateway.http().get('/v1/me').set('authorization', `Bearer ${accessToken}`);

  it('rotates: a new pair that works, and a refresh token that differs from the old one', async () => {
    const first = await signIn();
    const response = await refresh(first.refreshToken).expect(200);
    expect(response.body).toMatchObject({ expiresIn: 900, tokenType: 'Bearer' });
    const second: Tokens = response.body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await me(second.accessToken).expect(200);
    await refresh(second.refreshToken).expect(200);
  });

  it('answers a used refresh token with 401 REFRESH_TOKEN_REUSED', async () => {
    const first = await signIn();
    await refresh(first.refreshToken).expect(200);
    const reused = await refresh(first.refreshToken).expect(401);
    expect(reused.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(reused.body.code).toBe('REFRESH_TOKEN_REUSED');
  });

  it('ends the whole sign-in on re-use: the newest refresh token and every access token stop at once', async () => {
    const first = await signIn();
    const second: Tokens = (await refresh(first.refreshToken).expect(200)).body;
    // Both access tokens were just accepted, so this instance holds the sign-in in memory.
    await me(first.accessToken).expect(200);
    await me(second.accessToken).expect(200);

    await refresh(first.refreshToken).expect(401);

    const newest = await refresh(second.refreshToken).expect(401);
    expect(newest.body.code).toBe('INVALID_REFRESH_TOKEN');
    for (const accessToken of [first.accessToken, second.accessToken]) {
      const refused = await me(accessToken).expect(401);
      expect(refused.body.code).toBe('UNAUTHENTICATED');
    }
    const session = await gateway.app.get(PrismaService).authSession.findUniqueOrThrow({
      where: { id: String(jwtPayload(first.accessToken).sid) },
    });
    expect(session).toMatchObject({
      revokedAt: expect.any(Date),
      revokedReason: 'refresh token re-used',
    });
  });

  it('lets exactly one of several concurrent refreshes with one token win', async () => {
    const first = await signIn();
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => refresh(first.refreshToken)),
    );
    const winners = responses.filter((response) => response.status === 200);
    const losers = responses.filter((response) => response.status !== 200);
    expect(winners).toHaveLength(1);
    expect(losers.map((response) => response.status)).toEqual([401, 401, 401, 401]);
    // The first loser detects the re-use and ends the sign-in; a loser that comes after that
    // finds the token revoked.
    const codes = losers.map((response) => response.body.code as string);
    expect(codes).toContain('REFRESH_TOKEN_REUSED');
    expect(codes.filter((code) => code !== 'REFRESH_TOKEN_REUSED')).toEqual(
      codes.filter((code) => code === 'INVALID_REFRESH_TOKEN'),
    );
    // A second use of one token cannot be told apart from theft: the sign-in ends for everyone.
    const winner: Tokens = winners[0].body;
    expect((await refresh(winner.refreshToken).expect(401)).body.code).toBe(
      'INVALID_REFRESH_TOKEN',
    );
    expect((await me(winner.accessToken).expect(401)).body.code).toBe('UNAUTHENTICATED');
  });

  it('answers an unknown refresh token with 401 INVALID_REFRESH_TOKEN', async () => {
    const response = await refresh('x'.repeat(43)).expect(401);
    expect(response.body.code).toBe('INVALID_REFRESH_TOKEN');
  });

  it('answers a malformed body with 400 VALIDATION_FAILED naming refreshToken', async () => {
    const response = await gateway.http().post('/v1/auth/refresh').send({}).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors[0].field).toBe('refreshToken');
  });
});
