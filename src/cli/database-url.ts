import { existsSync } from 'node:fs';
import { loadConfig } from '../config/app-config';
import { EmbeddedPostgresServer } from '../database/embedded/embedded-postgres';

/**
 * The database the CLI works on: DATABASE_URL when set, else the gateway's embedded one (attached
 * to when a gateway is running on it, started for the command otherwise).
 */
export async function openCliDatabase(): Promise<{ url: string; close: () => Promise<void> }> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { database } = loadConfig();
  if (database.url) return { url: database.url, close: () => Promise.resolve() };
  const server = new EmbeddedPostgresServer({
    dataDir: database.embeddedDataDir,
    port: database.embeddedPort,
  });
  const url = await server.start(undefined, { attach: true });
  return { url, close: () => server.stop() };
}

/** Runs a CLI command; a failure prints one line (the stack with DEBUG=1) and exits 1. */
export function runCli(command: () => Promise<void>): void {
  command().then(
    // process.exitCode lets a command end with its own code (backfill: 130 when interrupted).
    () => process.exit(),
    (error: unknown) => {
      const message = process.env.DEBUG ? (error as Error)?.stack : (error as Error)?.message;
      process.stderr.write(`${message ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
