import { type SimulatorStats, simulatorStats } from './support/simulator';
import { PROBLEM_JSON, startTestGateway, type TestGateway } from './support/gateway';
import { ACCOUNTS } from './support/simulator';

/** A raw POST: exactly these headers and bytes (fetch adds Content-Length, nothing else). */
async function post(
  gateway: TestGateway,
  path: string,
  headers: Record<string, string>,
  body: string | Uint8Array,
): Promise<{
  status: number;
  contentType: string | null;
  body: Record<string, unknown> | undefined;
}> {
  const base = await gateway.app.getUrl();
  const response = await fetch(`${base.replace('[::1]', 'localhost')}${path}`, {
    method: 'POST',
    headers,
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

describe('request bodies', () => {
  let gateway: TestGateway;
  let driverToken: string;
  let chargerId: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    await gateway.app.listen(0, '127.0.0.1');
    driverToken = (await gateway.signIn('driver')).accessToken;
    const chargers = await (await gateway.as('driver')).get('/v1/chargers').expect(200);
    chargerId = (chargers.body as { id: string }[])[0]?.id ?? '';
  });
  afterAll(() => gateway.close());

  describe('on a route that takes no body', () => {
    it('accepts Content-Type application/octet-stream with an empty body (aiohttp sends that)', async () => {
      // Sign in separately: logging out ends the sign-in.
      const { email, password } = ACCOUNTS.outsider;
      const tokens = await gateway
        .http()
        .post('/v1/auth/login')
        .send({ username: email, password });
      const response = await post(
        gateway,
        '/v1/auth/logout',
        {
          authorization: `Bearer ${(tokens.body as { accessToken: string }).accessToken}`,
          'content-type': 'application/octet-stream',
        },
        new Uint8Array(0),
      );
      expect(response.status).toBe(204);
    });

    it.each(['application/octet-stream', 'application/json', 'text/plain'])(
      'answers an authorize with an empty %s body as one without a body',
      async (contentType) => {
        const authorization = `Bearer ${driverToken}`;
        const path = `/v1/chargers/${chargerId}/authorize`;
        const bare = await post(gateway, path, { authorization }, '');
        const typed = await post(gateway, path, { authorization, 'content-type': contentType }, '');
        expect(bare.status).not.toBe(415);
        expect({ status: typed.status, code: typed.body?.code }).toEqual({
          status: bare.status,
          code: bare.body?.code,
        });
      },
    );

    it('still refuses a body of a type it does not take, with a 415 problem', async () => {
      const response = await post(
        gateway,
        `/v1/chargers/${chargerId}/authorize`,
        { authorization: `Bearer ${driverToken}`, 'content-type': 'application/octet-stream' },
        new Uint8Array([1, 2, 3]),
      );
      expect(response.status).toBe(415);
      expect(response.contentType).toMatch(PROBLEM_JSON);
      expect(response.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    });
  });

  describe('login (JSON only)', () => {
    const { email, password } = ACCOUNTS.owner;

    it.each([
      [
        'application/x-www-form-urlencoded',
        new URLSearchParams({ username: email, password }).toString(),
      ],
      ['text/plain', JSON.stringify({ username: email, password })],
      ['application/octet-stream', JSON.stringify({ username: email, password })],
    ])('refuses a %s body with a 415 problem and signs no one in', async (contentType, body) => {
      const before = await simulatorStats(gateway.simulator);
      const response = await post(gateway, '/v1/auth/login', { 'content-type': contentType }, body);
      expect(response.status).toBe(415);
      expect(response.contentType).toMatch(PROBLEM_JSON);
      expect(response.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(upstreamCalls(before, await simulatorStats(gateway.simulator))).toBe(0);
    });

    it('answers an empty body with 400 VALIDATION_FAILED naming the missing fields', async () => {
      const response = await post(
        gateway,
        '/v1/auth/login',
        { 'content-type': 'application/octet-stream' },
        '',
      );
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect((response.body?.errors as { field: string }[]).map((error) => error.field)).toEqual(
        expect.arrayContaining(['username', 'password']),
      );
    });

    it('refuses JSON nested 5,000 levels deep with 400 VALIDATION_FAILED, before any upstream call', async () => {
      const before = await simulatorStats(gateway.simulator);
      const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
      for (const body of [deep, `{"username":${deep},"password":"x"}`]) {
        const response = await post(
          gateway,
          '/v1/auth/login',
          { 'content-type': 'application/json' },
          body,
        );
        expect(response.status).toBe(400);
        expect(response.contentType).toMatch(PROBLEM_JSON);
        expect(response.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          errors: [
            {
              field: 'body',
              messages: ['body must not nest objects or arrays deeper than 32 levels'],
            },
          ],
        });
      }
      expect(upstreamCalls(before, await simulatorStats(gateway.simulator))).toBe(0);
    });

    it('refuses a 1 MB deeply nested body in well under a second', async () => {
      const half = (1024 * 1024) / 2 - 10;
      const startedAt = performance.now();
      const response = await post(
        gateway,
        '/v1/auth/login',
        { 'content-type': 'application/json' },
        `${'['.repeat(half)}${']'.repeat(half)}`,
      );
      expect(response.status).toBe(400);
      expect(performance.now() - startedAt).toBeLessThan(500);
    });

    it('does not count brackets inside strings', async () => {
      const response = await post(
        gateway,
        '/v1/auth/login',
        { 'content-type': 'application/json' },
        JSON.stringify({ username: email, password: `${'['.repeat(100)}"\\{` }),
      );
      expect(response.status).toBe(401);
    });
  });
});

function upstreamCalls(before: SimulatorStats, after: SimulatorStats): number {
  return after.total - before.total;
}
