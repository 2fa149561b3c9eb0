import { createHash, createHmac, randomBytes } from 'node:crypto';
import { PrismaService } from '../../src/database/prisma.service';
import { TokenCipher } from '../../src/modules/auth/token-cipher';
import { DEMO, jwtPayload } from '../simulator/fixtures';
import { PROBLEM_JSON, startTestGateway, type TestGateway } from '../support/gateway';
import { ACCOUNTS, call, simulatorStats } from '../support/simulator';

// design.md "Authentication": sign in with Zaptec credentials, get the gateway's own 15-minute
// JWT and a refresh token; the password is never stored and the Zaptec token is kept encrypted.

describe('sign-in, /v1/me and sign-out', () => {
  let gateway: TestGateway;
  const login = (username: string, password: unknown) =>
    gateway.http().post('/v1/auth/login').send({ username, password });

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  it('returns an access token of 15 minutes, a refresh token and the Bearer type', async () => {
    const response = await login(ACCOUNTS.admin.email, ACCOUNTS.admin.password).expect(200);
    expect(response.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
      tokenType: 'Bearer',
      sessionExpiresAt: expect.any(String),
    });
    const header = JSON.parse(
      Buffer.from(response.body.accessToken.split('.')[0], 'base64url').toString('utf8'),
    );
    const claims = jwtPayload(response.body.accessToken);
    expect(header.alg).toBe('HS256');
    expect(claims).toMatchObject({ sub: ACCOUNTS.admin.id, iss: 'zaptec-gateway' });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
    expect(response.body.refreshToken).not.toBe(response.body.accessToken);
  });

  it('answers a wrong password with 401 INVALID_CREDENTIALS as problem+json', async () => {
    const response = await login(ACCOUNTS.owner.email, 'not-the-password').expect(401);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS' });
    expect(response.text).not.toContain('not-the-password');
  });

  it.each([
    ['a missing password', { username: ACCOUNTS.owner.email }, 'password'],
    [
      'a password that is not a string',
      { username: ACCOUNTS.owner.email, password: 42 },
      'password',
    ],
    ['an empty username', { username: '', password: 'x' }, 'username'],
    ['an unknown field', { ...{ username: 'a', password: 'b' }, admin: true }, 'admin'],
  ])(
    'answers %s with 400 VALIDATION_FAILED naming the field, without calling Zaptec',
    async (_case, body, field) => {
      const before = (await simulatorStats(gateway.simulator)).total;
      const response = await gateway.http().post('/v1/auth/login').send(body).expect(400);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
      expect((await simulatorStats(gateway.simulator)).total).toBe(before);
    },
  );

  it('throttles guessing: concurrent wrong passwords for one username end in 429, and so does the right one', async () => {
    const logins = async () =>
      (await simulatorStats(gateway.simulator)).byRoute['POST /oauth/token'] ?? 0;
    const before = await logins();
    const guesses = await Promise.all(
      Array.from({ length: 6 }, (_, index) => login(ACCOUNTS.service.email, `guess-${index}`)),
    );
    const statuses = guesses.map((response) => response.status).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const refused = guesses.find((response) => response.status === 429)!;
    expect(refused.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);

    const right = await login(ACCOUNTS.service.email, ACCOUNTS.service.password).expect(429);
    expect(right.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(right.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(800);
    // Only the five admitted guesses reached Zaptec; the refused attempts never left the gateway.
    expect((await logins()) - before).toBe(5);
  }, 20_000);

  it('stores neither the password nor the Zaptec token in the clear', async () => {
    const { refreshToken } = await gateway.signIn('admin');
    const prisma = gateway.app.get(PrismaService);
    const sessions = await prisma.authSession.findMany();
    const refreshTokens = await prisma.refreshToken.findMany();
    const stored = JSON.stringify([sessions, refreshTokens]);
    for (const account of Object.values(ACCOUNTS)) expect(stored).not.toContain(account.password);
    expect(stored).not.toContain(refreshToken);
    expect(refreshTokens.map((row) => row.tokenHash)).toContain(
      createHash('sha256').update(refreshToken).digest('hex'),
    );

    const session = sessions.find((row) => row.username === ACCOUNTS.admin.email)!;
    const zaptecToken = gateway.app.get(TokenCipher).decrypt(session.upstreamToken)!;
    // What was sealed is the token the simulator issued: it works there and names the admin.
    expect(jwtPayload(zaptecToken).sub).toBe(ACCOUNTS.admin.id);
    expect((await call(gateway.simulator, zaptecToken, 'GET', '/api/installation')).status).toBe(
      200,
    );
    for (const part of zaptecToken.split('.')) expect(stored).not.toContain(part);
  });

  it('shows the admin the installation Office with the role Administrator', async () => {
    const response = await (await gateway.as('admin')).get('/v1/me').expect(200);
    expect(response.body).toEqual({
      id: ACCOUNTS.admin.id,
      username: ACCOUNTS.admin.email,
      sessionExpiresAt: expect.any(String),
      installations: [
        { id: DEMO.office.id, name: 'Office', roles: ['Administrator'], roleFlags: 8 },
      ],
    });
  });

  it('shows an outsider no installations', async () => {
    const response = await (await gateway.as('outsider')).get('/v1/me').expect(200);
    expect(response.body).toMatchObject({ username: ACCOUNTS.outsider.email, installations: [] });
  });

  it.each([
    ['no Authorization header', undefined, 'Bearer'],
    ['a garbage bearer token', 'Bearer not.a.jwt', 'Bearer error="invalid_token"'],
    [
      'a token signed with another secret',
      `Bearer ${foreignToken()}`,
      'Bearer error="invalid_token"',
    ],
  ])(
    'answers %s with 401 UNAUTHENTICATED and WWW-Authenticate',
    async (_case, header, challenge) => {
      const request = gateway.http().get('/v1/me');
      const response = await (header ? request.set('authorization', header) : request).expect(401);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body.code).toBe('UNAUTHENTICATED');
      expect(response.headers['www-authenticate']).toBe(challenge);
    },
  );

  it('signs out with 204, after which its access token and refresh token are refused', async () => {
    const { accessToken, refreshToken } = (
      await gateway
        .http()
        .post('/v1/auth/login')
        .send({ username: ACCOUNTS.driver.email, password: ACCOUNTS.driver.password })
        .expect(200)
    ).body;
    const bearer = `Bearer ${accessToken}`;
    await gateway.http().get('/v1/me').set('authorization', bearer).expect(200);

    await gateway.http().post('/v1/auth/logout').set('authorization', bearer).expect(204);

    const me = await gateway.http().get('/v1/me').set('authorization', bearer).expect(401);
    expect(me.body.code).toBe('UNAUTHENTICATED');
    const refreshed = await gateway
      .http()
      .post('/v1/auth/refresh')
      .send({ refreshToken })
      .expect(401);
    expect(refreshed.body.code).toBe('INVALID_REFRESH_TOKEN');
  });
});

/** A well-formed gateway-style JWT signed with a secret the gateway does not know. */
function foreignToken(): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({
    sub: ACCOUNTS.admin.id,
    sid: '00000000-0000-4000-8000-000000000000',
    iss: 'zaptec-gateway',
    exp: Math.floor(Date.now() / 1000) + 600,
  })}`;
  const signature = createHmac('sha256', randomBytes(32)).update(body).digest('base64url');
  return `${body}.${signature}`;
}
