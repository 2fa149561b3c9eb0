import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { createTestDatabase } from './database';

/**
 * The real gateway from bootstrap.ts on a fresh database of its own. `env` overrides the test
 * defaults; pass `DATABASE_URL: undefined` to make it start its embedded PostgreSQL.
 */
export async function startTestApp(
  env: Record<string, string | undefined> = {},
): Promise<NestFastifyApplication> {
  // Demo mode's simulator on a free port, so suites running side by side never collide, and
  // without its state cache, as startTestSimulator's. The response cache is off too, so a suite
  // sees each read reach upstream; the cache suites (test/cache/) turn it on. Ingestion is off,
  // so no background poll adds upstream calls to a suite's counts; test/jobs/ turns it on.
  const defaults = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SIMULATOR_PORT: '0',
    SIMULATOR_STATE_CACHE_S: '0',
    CACHE_ENABLED: 'false',
    INGESTION_ENABLED: 'false',
    // Counted on every request, never reached: suites make many calls as one user; the
    // rate-limit suite sets its own quotas.
    RATE_LIMIT_PER_USER: '1000000',
    RATE_LIMIT_PER_KEY: '1000000',
  };
  const databaseUrl = 'DATABASE_URL' in env ? env.DATABASE_URL : await createTestDatabase();
  const config = loadConfig({ ...defaults, ...env, DATABASE_URL: databaseUrl });
  return createApp({ config });
}
