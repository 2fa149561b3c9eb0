// The processes the benchmark measures, each in its own process so the load generator (this
// process) never shares an event loop with what it measures: the compiled gateway in demo mode
// (its simulator in-process, its own throwaway embedded PostgreSQL) and the raw-http ceiling.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

/** A free loopback port (the gateway needs fixed ports: PORT=0 would hide which one it took). */
async function freePort() {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Starts `node dist/main.js` in demo mode, loopback only, and resolves once /health/ready says
 * 200. `env` adds to (or overrides) the bench's settings, e.g. `{ CACHE_ENABLED: 'false' }`.
 * Its output goes to `<workDir>/<name>.log`, out of the measurement and kept for a failure.
 */
export async function startGateway({ name, workDir, running, env = {} }) {
  const [port, simulatorPort] = [await freePort(), await freePort()];
  const dataDir = join(workDir, name);
  const logFile = join(workDir, `${name}.log`);
  const log = openSync(logFile, 'a');
  running.assertOpen();
  const child = spawn(process.execPath, ['dist/main.js'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      // info, as users run it: a request line per request is part of what a hit costs (to a file).
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      HOST: '127.0.0.1',
      PORT: String(port),
      SIMULATOR_HOST: '127.0.0.1',
      SIMULATOR_PORT: String(simulatorPort),
      DATA_DIR: dataDir,
      // Stopping after Ctrl-C should not wait out 1,000 queued reads (the default waits 10 s).
      SHUTDOWN_TIMEOUT_MS: '3000',
      JWT_SECRET: randomBytes(48).toString('base64url'),
      // Empty means "not set" to the gateway, and a developer's .env (which start-up loads)
      // never overrides a variable that exists: demo mode and an embedded database, whatever
      // .env says.
      ZAPTEC_API_URL: '',
      DATABASE_URL: '',
      // Counted on every request, as in production, but never reached: the bench's one user
      // makes far more than a minute's quota of requests.
      RATE_LIMIT_PER_USER: '1000000000',
      RATE_LIMIT_PER_KEY: '1000000000',
      // The state bench measures user reads alone; the ingest bench turns ingestion on.
      INGESTION_ENABLED: 'false',
      ...env,
    },
    stdio: ['ignore', log, log],
  });
  const gateway = {
    name,
    url: `http://127.0.0.1:${port}`,
    simulatorUrl: `http://127.0.0.1:${simulatorPort}`,
  };
  const ready = waitUntilReady({ name, child, url: gateway.url, logFile });
  // The gateway handles SIGTERM (and stops its PostgreSQL) only once it listens, so a stop
  // while it starts (Ctrl-C, the other gateway failing) waits for that first.
  gateway.stop = async () => {
    await ready.catch(() => undefined); // a failed start: stopGateway cleans up all the same
    await stopGateway(child, join(dataDir, 'postgres'));
  };
  running.track(gateway); // in the tick of the spawn: nothing can stop the run in between
  await ready;
  return gateway;
}

async function waitUntilReady({ name, child, url, logFile }) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`gateway ${name} exited at start:\n${tail(logFile)}`);
    }
    const ready = await fetch(`${url}/health/ready`).then(
      (response) => response.ok,
      () => false, // not listening yet
    );
    if (ready) return;
    await sleep(250);
  }
  throw new Error(`gateway ${name} not ready after ${READY_TIMEOUT_MS} ms:\n${tail(logFile)}`);
}

/**
 * SIGTERM lets the gateway stop its embedded PostgreSQL itself. Should it hang past the timeout,
 * SIGKILL it and stop the orphaned postgres by the pid in its own postmaster.pid (SIGINT is
 * PostgreSQL's fast shutdown), so a run never leaves a postgres behind.
 */
async function stopGateway(child, postgresDir) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timedOut = await Promise.race([
      exited.then(() => false),
      // Unref'd: a timer still pending must not keep the bench alive once everything stopped.
      sleep(STOP_TIMEOUT_MS, true, { ref: false }),
    ]);
    if (timedOut) {
      child.kill('SIGKILL');
      await exited;
    }
  }
  const pidFile = join(postgresDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch (error) {
    if (error.code !== 'ESRCH') throw error; // ESRCH: already gone, the stale file is harmless
    return;
  }
  for (let waited = 0; waited < STOP_TIMEOUT_MS && isAlive(pid); waited += 100) await sleep(100);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false; // ESRCH: no such process (EPERM cannot happen: it was our own child's child)
  }
}

function tail(file) {
  return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
}

/** The ceiling: bench/raw-server.mjs in its own process, answering every request with `body`. */
export async function startRawServer(bodyFile, running) {
  running.assertOpen();
  const child = spawn(process.execPath, ['bench/raw-server.mjs', bodyFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  running.track({ stop });
  // Its first line, or nothing if it dies first (then there is no port to read).
  const [line] = await Promise.race([
    once(child.stdout, 'data'),
    once(child, 'exit').then(() => ['']),
  ]);
  const port = /listening (\d+)/.exec(line.toString())?.[1];
  if (!port) throw new Error(`bench/raw-server.mjs did not start: ${line}`);
  return { url: `http://127.0.0.1:${port}` };
}

/**
 * What this run has started, from the moment each is spawned. `stop()` stops all of it (also
 * between phases); after `close()` (the end, or Ctrl-C) nothing new may start.
 */
export class Running {
  #servers = [];
  #closing;

  assertOpen() {
    if (this.#closing) throw new Error('the benchmark was interrupted');
  }

  track(server) {
    this.#servers.push(server);
  }

  stop() {
    return Promise.all(this.#servers.splice(0).map((server) => server.stop()));
  }

  close() {
    this.#closing ??= this.stop();
    return this.#closing;
  }
}
