import { connect } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startTestApp } from './support/app';

/** Sends bytes as they are (no HTTP client would send a malformed header) and reads the answer. */
async function rawExchange(app: NestFastifyApplication, bytes: string): Promise<string> {
  const { port } = app.getHttpServer().address() as { port: number };
  const socket = connect(port, '127.0.0.1');
  socket.write(bytes);
  let answer = '';
  for await (const chunk of socket) answer += (chunk as Buffer).toString();
  return answer;
}

describe('HTTP conventions', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
    await app.listen(0, '127.0.0.1');
  });
  afterAll(() => app.close());

  it("sends OWASP's API security headers on API answers, errors included", async () => {
    for (const path of ['/health/live', '/v1/chargers', '/docs-json', '/no-such-route']) {
      const response = await request(app.getHttpServer()).get(path);
      expect({ path, ...response.headers }).toMatchObject({
        path,
        'content-security-policy': "default-src 'none';frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'strict-transport-security': expect.stringContaining('max-age='),
        'referrer-policy': 'no-referrer',
      });
      // Helmet's headers for HTML documents do nothing for JSON.
      for (const name of ['x-xss-protection', 'origin-agent-cluster', 'x-powered-by'])
        expect({ path, [name]: response.headers[name] }).toEqual({ path });
    }
  });

  it("gives Swagger UI's documents helmet's document headers, with the CSP its page needs", async () => {
    for (const path of ['/docs', '/docs/swagger-ui.css']) {
      const response = await request(app.getHttpServer()).get(path).expect(200);
      expect({ path, ...response.headers }).toMatchObject({
        path,
        'content-security-policy': expect.stringContaining("script-src 'self' 'unsafe-inline'"),
        'x-frame-options': 'SAMEORIGIN',
        'cross-origin-opener-policy': 'same-origin',
        'x-content-type-options': 'nosniff',
      });
    }
  });

  it('gives every response a request id and reuses an acceptable one from the caller', async () => {
    const fresh = await request(app.getHttpServer()).get('/health/live');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const reused = await request(app.getHttpServer())
      .get('/health/live')
      .set('X-Request-Id', 'partner-trace.42');
    expect(reused.headers['x-request-id']).toBe('partner-trace.42');

    const unsafe = await request(app.getHttpServer())
      .get('/health/live')
      .set('X-Request-Id', 'bad id with spaces');
    expect(unsafe.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('answers an unknown route with a problem+json 404 carrying the request id', async () => {
    const response = await request(app.getHttpServer())
      .get('/v1/nothing-here?x=1')
      .set('X-Request-Id', 'trace-404')
      .expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual({
      type: 'urn:zaptec-gateway:problem:not-found',
      title: 'Not Found',
      status: 404,
      code: 'NOT_FOUND',
      detail: 'Cannot GET /v1/nothing-here?x=1',
      instance: '/v1/nothing-here',
      requestId: 'trace-404',
    });
  });

  it('answers malformed JSON with a problem+json 400', async () => {
    const response = await request(app.getHttpServer())
      .post('/health/live')
      .set('Content-Type', 'application/json')
      .send('{"unterminated":')
      .expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });

  it('answers an oversized body with a problem+json 413', async () => {
    const response = await request(app.getHttpServer())
      .post('/health/live')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }))
      .expect(413);
    expect(response.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('redirects / to the API docs', async () => {
    const response = await request(app.getHttpServer()).get('/').expect(302);
    expect(response.headers.location).toBe('/docs');
  });

  it('answers headers over the size limit with a problem+json 431', async () => {
    const answer = await rawExchange(
      app,
      `GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'x'.repeat(20_000)}\r\n\r\n`,
    );
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/i);
    expect(JSON.parse(body ?? '')).toEqual({
      type: 'urn:zaptec-gateway:problem:request-header-fields-too-large',
      title: 'Request Header Fields Too Large',
      status: 431,
      code: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
      detail: expect.any(String),
    });
  });

  it('answers a malformed header with a problem+json 400', async () => {
    const answer = await rawExchange(
      app,
      'GET /health/live HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n',
    );
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/i);
    expect(JSON.parse(body ?? '')).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });

  it('sends no CORS headers when CORS_ORIGINS is not set', async () => {
    const response = await request(app.getHttpServer())
      .get('/health/live')
      .set('Origin', 'https://app.example.com');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS (CORS_ORIGINS)', () => {
  let app: NestFastifyApplication;
  const allowed = 'https://app.example.com';

  beforeAll(async () => {
    app = await startTestApp({ CORS_ORIGINS: `${allowed}, http://localhost:5173` });
  });
  afterAll(() => app.close());

  it('answers a preflight of an allowed origin, with the headers clients send', async () => {
    const response = await request(app.getHttpServer())
      .options('/v1/chargers/00000000-0000-0000-0000-000000000000/commands')
      .set('Origin', allowed)
      .set('Access-Control-Request-Method', 'POST')
      .set(
        'Access-Control-Request-Headers',
        'authorization,content-type,idempotency-key,x-request-id',
      );
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(allowed);
    expect(response.headers['access-control-allow-methods']).toContain('POST');
    const headers = (response.headers['access-control-allow-headers'] ?? '').toLowerCase();
    for (const name of ['authorization', 'content-type', 'idempotency-key', 'x-request-id']) {
      expect(headers).toContain(name);
    }
  });

  it('lets an allowed origin read the request id and Retry-After', async () => {
    const response = await request(app.getHttpServer())
      .get('/health/live')
      .set('Origin', 'http://localhost:5173');
    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const exposed = (response.headers['access-control-expose-headers'] ?? '').toLowerCase();
    expect(exposed).toContain('x-request-id');
    expect(exposed).toContain('retry-after');
  });

  it('gives a disallowed origin no Access-Control-Allow-Origin', async () => {
    for (const method of ['get', 'options'] as const) {
      const response = await request(app.getHttpServer())
        [method]('/health/live')
        .set('Origin', 'https://evil.example.com')
        .set('Access-Control-Request-Method', 'GET');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});
