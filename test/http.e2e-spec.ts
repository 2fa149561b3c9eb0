import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startTestApp } from './support/app';

describe('HTTP conventions', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('sends security headers on every response', async () => {
    const response = await request(app.getHttpServer()).get('/health/live');
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
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
});
