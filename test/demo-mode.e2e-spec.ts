import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError } from '../src/config/app-config';
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

    it("tells how to sign in to the demo: the simulator's demo accounts", () => {
      const { demo } = app.get<UpstreamTarget>(ZAPTEC_UPSTREAM);
      expect(demo?.accounts).toEqual(
        expect.arrayContaining([
          { username: 'owner@demo.zaptec.local', password: 'demo-owner' },
          { username: 'admin@demo.zaptec.local', password: 'demo-admin' },
        ]),
      );
    });

    it('stops the simulator when the gateway closes', async () => {
      const { baseUrl } = app.get<UpstreamTarget>(ZAPTEC_UPSTREAM);
      await app.close();
      await expect(fetch(`${baseUrl}/api/constants`)).rejects.toThrow();
      app = await startTestApp(); // afterAll closes this one
    });
  });

  it('refuses a bad SIMULATOR_* value in one line naming it (the simulator parses its own)', async () => {
    await expect(startTestApp({ SIMULATOR_PORT: '-1' })).rejects.toThrow(
      new ConfigError(
        'Invalid configuration: SIMULATOR_PORT must be a port number (0-65535) (got "-1")',
      ),
    );
  });

  describe('with ZAPTEC_API_URL', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      // SIMULATOR_* are the demo simulator's alone: not read, so not refused, with a real upstream.
      app = await startTestApp({ ZAPTEC_API_URL: 'http://127.0.0.1:9/', SIMULATOR_PORT: '-1' });
    });
    afterAll(() => app.close());

    it('uses that API and starts no simulator', () => {
      const upstream = app.get<UpstreamTarget>(ZAPTEC_UPSTREAM);
      expect(upstream).toEqual({ baseUrl: 'http://127.0.0.1:9', demo: undefined });
    });
  });
});
