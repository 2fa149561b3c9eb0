import { spawnSync } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { exitOf, startGatewayProcess } from './support/gateway-process';
import { makeDataDir } from './support/temp-dir';

describe('the gateway process (node dist/main.js, as npm start runs it)', () => {
  it('exits non-zero with one clear line when a variable is invalid', () => {
    const result = spawnSync(process.execPath, ['dist/main.js'], {
      env: { PATH: process.env.PATH, PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Invalid configuration: PORT must be a port number (0-65535) (got "not-a-port")',
    );
  });

  it('says how to fix a demo-mode simulator port that is taken, and exits 1', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    const dataDir = await makeDataDir('port-taken');
    try {
      const result = spawnSync(process.execPath, ['dist/main.js'], {
        env: { PATH: process.env.PATH, PORT: '0', SIMULATOR_PORT: String(port), DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr.trim().split('\n').at(-1)).toBe(
        `Demo mode needs 127.0.0.1:${port} for its Zaptec simulator, but that port is in use. If \`npm run simulator\` is running, point the gateway at it with ZAPTEC_API_URL=http://127.0.0.1:${port}; otherwise set SIMULATOR_PORT to a free port (0 picks one).`,
      );
    } finally {
      holder.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  describe('with its embedded PostgreSQL', () => {
    let dataDir: string;

    beforeAll(async () => {
      dataDir = await makeDataDir('process');
    });
    afterAll(() => rm(dataDir, { recursive: true, force: true }));

    it('serves, then on SIGTERM closes everything and leaves no postgres behind', async () => {
      const gateway = await startGatewayProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
      const ready = await fetch(`${gateway.url}/health/ready`);
      expect(ready.status).toBe(200);
      // Demo mode (no ZAPTEC_API_URL) says where its simulator is and how to sign in.
      expect(gateway.output()).toMatch(/Demo mode: Zaptec simulator at http:\/\/127\.0\.0\.1:\d+/);
      expect(gateway.output()).toContain('owner@demo.zaptec.local / demo-owner');

      const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
      const postgresPid = Number.parseInt(
        (await readFile(pidFile, 'utf8')).split('\n')[0] ?? '',
        10,
      );
      expect(isAlive(postgresPid)).toBe(true);

      const stoppingAt = Date.now();
      gateway.child.kill('SIGTERM');
      expect(await exitOf(gateway.child)).toBe(0);
      expect(Date.now() - stoppingAt).toBeLessThan(5_000);
      expect(isAlive(postgresPid)).toBe(false);
      expect(existsSync(pidFile)).toBe(false);
    });

    it('refuses to share its data with a second gateway, which leaves the first one running', async () => {
      const first = await startGatewayProcess({ DATA_DIR: dataDir });
      try {
        const second = spawnSync(process.execPath, ['dist/main.js'], {
          env: { PATH: process.env.PATH, PORT: '0', SIMULATOR_PORT: '0', DATA_DIR: dataDir },
          encoding: 'utf8',
          timeout: 30_000,
        });
        expect(second.status).toBe(1);
        expect(second.stderr).toContain('is in use by another process');
        expect((await fetch(`${first.url}/health/ready`)).status).toBe(200);
      } finally {
        first.child.kill('SIGTERM');
        await exitOf(first.child);
      }
    });

    it('stops the PostgreSQL a killed gateway left behind, then starts normally', async () => {
      const killed = await startGatewayProcess({ DATA_DIR: dataDir });
      const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
      const orphanPid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
      killed.child.kill('SIGKILL');
      await exitOf(killed.child);
      expect(isAlive(orphanPid)).toBe(true);

      const next = await startGatewayProcess({ DATA_DIR: dataDir });
      try {
        expect(isAlive(orphanPid)).toBe(false);
        expect((await fetch(`${next.url}/health/ready`)).status).toBe(200);
      } finally {
        next.child.kill('SIGTERM');
        await exitOf(next.child);
      }
    });

    it('reuses its data on the next start, with nothing left to migrate', async () => {
      const gateway = await startGatewayProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
      try {
        expect((await fetch(`${gateway.url}/health/ready`)).status).toBe(200);
        expect(gateway.output()).toContain('Database schema is up to date');
        expect(gateway.output()).not.toContain('Applied migrations');
      } finally {
        gateway.child.kill('SIGTERM');
        await exitOf(gateway.child);
      }
    });
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
