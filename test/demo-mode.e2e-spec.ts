import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type UpstreamTarget, ZAPTEC_UPSTREAM } from '../src/upstream/zaptec/upstream-target';
import { startTestApp } from './support/app';

describe('the upstream target', () => {
  describe('without ZAPTEC_API_URL (demo mode)', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(() => app.close());

    it('runs the simulator in-process and points upstream at it', async () => {
      const upstream = app.get<UpstreamTarget>(ZAPTEC_UPSTREAM);
      expect(upstream.demo).toBeDefined();
      expect(upstream.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const constants = await fetch(`${upstream.baseUrl}/api/constants`);
      expect(constants.status).toBe(200);
      expect(((await constants.json()) as { Version: string }).Version).toBe('6.5.8');
    });

    it('stops the simulator when the gateway closes', async () => {
      const { baseUrl } = app.get<UpstreamTarget>(ZAPTEC_UPSTREAM);
      await app.close();
      await expect(fetch(`${baseUrl}/api/constants`)).rejects.toThrow();
      app = await startTestApp(); // afterAll closes this one
    });
  });

  describe('with ZAPTEC_API_URL', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      app = await startTestApp({ ZAPTEC_API_URL: 'http://127.0.0.1:9/' });
    });
    afterAll(() => app.close());

    it('uses that API and starts no simulator', () => {
      const upstream = app.get<UpstreamTarget>(ZAPTEC_UPSTREAM);
      expect(upstream).toEqual({ baseUrl: 'http://127.0.0.1:9', demo: undefined });
    });
  });
});
