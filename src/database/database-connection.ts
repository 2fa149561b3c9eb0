import type { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { EmbeddedPostgresServer } from './embedded/embedded-postgres';
import { applyMigrations } from './migrations/migration-runner';

export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');

export interface DatabaseConnection {
  readonly url: string;
  /** Present when no DATABASE_URL was configured and the gateway runs its own server. */
  readonly embedded: EmbeddedPostgresServer | undefined;
}

/** Resolves the database (starting the embedded one if needed) and brings its schema up to date. */
export async function openDatabase(
  config: AppConfig['database'],
  logger: Logger,
): Promise<DatabaseConnection> {
  let embedded: EmbeddedPostgresServer | undefined;
  let url = config.url;
  if (!url) {
    const startedAt = performance.now();
    embedded = new EmbeddedPostgresServer({
      dataDir: config.embeddedDataDir,
      port: config.embeddedPort,
      onLog: (message) => logger.debug(message),
      onNotice: (message) => logger.warn(message),
    });
    url = await embedded.start();
    logger.log(
      `Embedded PostgreSQL ready in ${Math.round(performance.now() - startedAt)} ms (data in ${embedded.dataDir})`,
    );
  }
  try {
    if (config.migrateOnStart) {
      const applied = await applyMigrations(url);
      logger.log(
        applied.length
          ? `Applied migrations: ${applied.join(', ')}`
          : 'Database schema is up to date',
      );
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return { url, embedded };
}
