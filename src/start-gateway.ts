import { existsSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { type INestApplication, Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig } from './config/app-config';
import { DOCS_PATH } from './core/openapi/openapi';
import { bannerLines } from './core/startup-banner';
import { StartupError } from './core/startup-error';
import { GATEWAY_VERSION } from './core/version';
import { DATABASE_CONNECTION, type DatabaseConnection } from './database/database-connection';
import { type UpstreamTarget, ZAPTEC_UPSTREAM } from './upstream/zaptec/upstream-target';

/** Boots the gateway (bootstrap + listen) and prints the start-up banner; main.ts calls this. */
export function run(): void {
  start().catch((error: unknown) => {
    process.stderr.write(`${failureLine(error)}\n`);
    // The stack is for whoever debugs the gateway itself, not for fixing a setting.
    if (/^(debug|trace)$/.test(process.env.LOG_LEVEL ?? '') && error instanceof Error) {
      process.stderr.write(`${error.stack}\n`);
    }
    process.exit(1);
  });
}

async function start(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const startedAt = performance.now();
  const config = loadConfig();
  const app = await createApp({ config });
  await app
    .listen(config.http.port, config.http.host)
    .catch(async (error: NodeJS.ErrnoException) => {
      await app.close();
      if (error.code !== 'EADDRINUSE') throw error;
      throw new StartupError(
        `Port ${config.http.port} on ${config.http.host} is in use: stop what holds it or set PORT.`,
      );
    });

  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('0.0.0.0', 'localhost');
  const { demo } = app.get<UpstreamTarget>(ZAPTEC_UPSTREAM);
  const { embedded } = app.get<DatabaseConnection>(DATABASE_CONNECTION);
  const logger = new Logger('Gateway');
  const lines = bannerLines({
    version: GATEWAY_VERSION,
    nodeVersion: process.version,
    url,
    docsPath: DOCS_PATH,
    readySeconds: ((performance.now() - startedAt) / 1000).toFixed(1),
    upstream: demo ? { demoUrl: demo.url } : { apiUrl: config.upstream.url ?? '' },
    database: embedded ? { embeddedDataDir: embedded.dataDir } : { url: config.database.url ?? '' },
    demoAccounts: demo?.accounts ?? [],
  });
  for (const line of lines) logger.log(line);

  // Ctrl-C in a terminal signals the whole process group and npm forwards it too, so a second
  // signal arrives while shutting down; it must not kill the process before PostgreSQL is stopped.
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void shutDown(app, signal, config.http.shutdownTimeoutMs);
    });
  }
}

/**
 * Stops taking connections, lets requests in flight finish, closes Prisma and then the embedded
 * PostgreSQL (Nest's shutdown hooks), and exits 0. A shutdown that hangs (a stuck client, a dead
 * database) still ends the process after `timeoutMs`, with exit code 1.
 */
async function shutDown(app: INestApplication, signal: string, timeoutMs: number): Promise<void> {
  const logger = new Logger('Gateway');
  logger.log(`${signal} received: shutting down`);
  setTimeout(() => {
    logger.error(`Shutdown did not finish within ${timeoutMs} ms; exiting anyway`);
    process.exit(1);
  }, timeoutMs).unref();
  await app.close();
  logger.log('Shutdown complete');
  process.exit(0);
}

/**
 * A start-up failure as one line: the message once, no stack, no colours (Prisma's messages
 * carry ANSI codes and blank lines), so it reads the same in a terminal and in a log file.
 */
export function failureLine(error: unknown): string {
  const message = stripVTControlCharacters(error instanceof Error ? error.message : String(error))
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  if (error instanceof ConfigError || error instanceof StartupError) return message;
  return `zaptec-gateway failed to start: ${message}`;
}
