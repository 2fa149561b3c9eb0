import { spawnSync } from 'node:child_process';
import { type AddressInfo, createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { exitOf, gatewayPid, startGatewayProcess } from './support/gateway-process';
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

  it('names a bad SIMULATOR_* variable in one line (the simulator parses its own options)', () => {
    const result = spawnSync(process.execPath, ['dist/main.js'], {
      env: { PATH: process.env.PATH, PORT: '0', SIMULATOR_CLOCK_SPEED: 'fast' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Invalid configuration: SIMULATOR_CLOCK_SPEED must be a number (1 = real time, 60 = a minute per second, 0 = stopped) (got "fast")',
    );
  });

  it('reports any start-up failure in one line: no stack, no colours, the message once', async () => {
    const dataDir = await makeDataDir('unreachable-db');
    try {
      const result = spawnSync(process.execPath, ['dist/main.js'], {
        env: {
          PATH: process.env.PATH,
          PORT: '0',
          SIMULATOR_PORT: '0',
          DATA_DIR: dataDir,
          DATABASE_URL: 'postgresql://gateway:hunter2@127.0.0.1:9/gateway',
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toEqual([
        expect.stringMatching(/^zaptec-gateway failed to start: Can't reach database server at/),
      ]);
      expect(result.stderr).not.toContain('hunter2');
      // Nest's own report of the failure (with stack and ANSI colours) is debug only.
      const output = result.stdout + result.stderr;
      expect(output).not.toContain('\u001b[');
      expect(output).not.toMatch(/ExceptionHandler|\n\s+at /);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('says Node.js 24 is needed when started on an older Node', () => {
    const result = spawnSync('/usr/bin/node', ['dist/main.js'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    const version = spawnSync('/usr/bin/node', ['--version'], { encoding: 'utf8' }).stdout.trim();
    // This machine's system Node is older than 24 (the project brings its own through npm).
    expect(version).toMatch(/^v(1\d|2[0-3])\./);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `zaptec-gateway needs Node.js 24 or newer, but /usr/bin/node is Node.js ${version.slice(1)}. Start it with \`npm start\` (which runs the Node.js 24 that \`npm install\` put in node_modules), or install Node.js 24.\n`,
    );
  });

  it('npm run simulator on a taken port says so in one line naming SIMULATOR_PORT', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const result = spawnSync(process.execPath, ['dist/simulator/main.js'], {
        env: { PATH: process.env.PATH, SIMULATOR_PORT: String(port) },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        `Port ${port} on 127.0.0.1 is in use: stop what holds it (another simulator?) or set SIMULATOR_PORT to a free port (0 picks one).\n`,
      );
    } finally {
      holder.close();
    }
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

    it('starts with a short banner: docs, upstream, database, demo accounts', async () => {
      const gateway = await startGatewayProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
      try {
        const messages = gateway
          .output()
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { msg: string }).msg);
        const banner = messages.slice(messages.findIndex((msg) => msg.includes('listening on')));
        expect(banner).toEqual([
          expect.stringMatching(
            /^zaptec-gateway v\S+ \(Node v24\.\S+\) listening on http:\/\/127\.0\.0\.1:\d+ \(ready in [\d.]+ s\)$/,
          ),
          `API docs: ${gateway.url}/docs  ·  OpenAPI: ${gateway.url}/docs-json`,
          expect.stringMatching(
            /^Upstream: demo mode, the built-in Zaptec simulator at http:\/\/127\.0\.0\.1:\d+ \(set ZAPTEC_API_URL to use Zaptec\)$/,
          ),
          expect.stringMatching(/^Database: embedded PostgreSQL, data in \/.+$/),
          expect.stringContaining(
            'Demo accounts (username / password): owner@demo.zaptec.local / demo-owner, admin@demo.zaptec.local / demo-admin,',
          ),
        ]);
        // Nest's per-module and per-route lines (about 50) are debug, not info.
        expect(gateway.output()).not.toMatch(/RoutesResolver|RouterExplorer|InstanceLoader/);
        expect(messages.length).toBeLessThan(12);
      } finally {
        gateway.child.kill('SIGTERM');
        await exitOf(gateway.child);
      }
    });

    it('names an external database without its password, and the Zaptec API used', async () => {
      const gateway = await startGatewayProcess({
        DATABASE_URL: process.env.TEST_POSTGRES_ADMIN_URL ?? '',
        MIGRATE_ON_START: 'false',
        ZAPTEC_API_URL: 'http://127.0.0.1:9',
      });
      try {
        const admin = new URL(process.env.TEST_POSTGRES_ADMIN_URL ?? '');
        admin.password = '';
        expect(gateway.output()).toContain(`"msg":"Database: ${admin.toString()} (DATABASE_URL)"`);
        expect(gateway.output()).toContain('"msg":"Upstream: http://127.0.0.1:9 (ZAPTEC_API_URL)"');
        expect(gateway.output()).not.toContain('Demo accounts');
      } finally {
        gateway.child.kill('SIGTERM');
        await exitOf(gateway.child);
      }
    });

    it('stops everything on SIGTERM to the npm start process, leaving no process behind', async () => {
      const gateway = await startGatewayProcess({ DATA_DIR: dataDir }, { via: 'npm' });
      const pid = gatewayPid(gateway);
      expect(pid).not.toBe(gateway.child.pid);
      const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
      const postgresPid = Number.parseInt(
        (await readFile(pidFile, 'utf8')).split('\n')[0] ?? '',
        10,
      );
      try {
        gateway.child.kill('SIGTERM');
        await exitOf(gateway.child);
        await waitUntil(() => !isAlive(pid) && !isAlive(postgresPid), 10_000);
        expect({ gateway: isAlive(pid), postgres: isAlive(postgresPid) }).toEqual({
          gateway: false,
          postgres: false,
        });
        expect(gateway.output()).toContain('Shutdown complete');
      } finally {
        if (isAlive(pid)) process.kill(pid, 'SIGTERM');
        await waitUntil(() => !isAlive(pid), 10_000);
      }
    });

    it('serves, then on SIGTERM closes everything and leaves no postgres behind', async () => {
      const gateway = await startGatewayProcess({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
      const ready = await fetch(`${gateway.url}/health/ready`);
      expect(ready.status).toBe(200);

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

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
