import { runInNewContext } from 'node:vm';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startTestApp } from './support/app';

describe('OpenAPI document', () => {
  let app: NestFastifyApplication;
  let document: Record<string, any>;

  beforeAll(async () => {
    app = await startTestApp();
    document = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
  });
  afterAll(() => app.close());

  it('is a valid OpenAPI 3 document', async () => {
    expect(document.openapi).toMatch(/^3\./);
    // validate() dereferences in place; give it a copy so later assertions see the original.
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('names the gateway, its version and its security schemes', () => {
    expect(document.info).toMatchObject({ title: 'zaptec-gateway', version: expect.any(String) });
    expect(document.info.description).toContain('problem+json');
    expect(document.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
      'api-key': expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }),
    });
    expect(document.tags).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'health' })]),
    );
  });

  it('documents the health probes, with the problem shape for the 503', () => {
    const ready = document.paths['/health/ready'].get;
    expect(ready.tags).toEqual(['health']);
    expect(ready.responses['503'].content['application/problem+json'].schema.allOf[0].$ref).toBe(
      '#/components/schemas/ProblemDto',
    );
    expect(document.components.schemas.ProblemDto.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'code']),
    );
  });

  it('authorizes Swagger UI with the access token of a sign-in tried there', async () => {
    const script = (await request(app.getHttpServer()).get('/docs/swagger-ui-init.js').expect(200))
      .text;
    const options = /let options = (\{[\s\S]*?\n\});/.exec(script)?.[1];
    expect(options).toBeDefined();
    // The interceptor is serialized into the page: run it as the browser would, in a page of its own.
    const preauthorizeApiKey = jest.fn();
    const parsed = runInNewContext(`(${options!})`, { ui: { preauthorizeApiKey } }) as {
      customOptions: { responseInterceptor: (response: object) => object };
    };
    const intercept = parsed.customOptions.responseInterceptor;
    intercept({ url: 'http://x/v1/auth/login', status: 200, obj: { accessToken: 'abc' } });
    intercept({ url: 'http://x/v1/me', status: 200, obj: { accessToken: 'nope' } });
    intercept({ url: 'http://x/v1/auth/login', status: 401, obj: {} });
    expect(preauthorizeApiKey.mock.calls).toEqual([['bearer', 'abc']]);
  });

  it('states its facts in place, citing no document that ships without the project', () => {
    const text = JSON.stringify(document);
    expect(text).not.toMatch(/shared\/docs|zaptec-api\.md|design\.md|style\.md|§/);
  });

  it('documents the cache of every cached read: its headers, the 304 and how long', () => {
    const state = document.paths['/v1/chargers/{id}/state'].get;
    expect(Object.keys(state.responses['200'].headers)).toEqual(
      expect.arrayContaining(['X-Cache', 'ETag', 'Age', 'Cache-Control']),
    );
    expect(state.responses['304']).toBeDefined();
    expect(state.parameters.map((parameter: { name: string }) => parameter.name)).toContain(
      'If-None-Match',
    );
    expect(state.description).toMatch(
      /\*\*Cached\*\* for 15 s \(`CACHE_TTL_STATE_S`\), one entry per object/,
    );
    const paths = document.paths as Record<string, { get?: Record<string, unknown> }>;
    const cachedReads = Object.values(paths).filter((item) => item.get?.['x-cache']);
    expect(cachedReads.length).toBe(11);
    const commands = document.paths['/v1/chargers/{id}/commands'].post;
    expect(commands.description).toMatch(/about 15 s/);
  });

  it('names its licence and a server to try it on', () => {
    expect(document.info.license).toEqual({ name: 'MIT', url: expect.stringMatching(/^https:/) });
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toContain('swagger-ui');
  });
});
