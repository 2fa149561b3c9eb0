import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { EmbeddedPostgresServer } from '../../src/database/embedded-postgres';

/**
 * One real PostgreSQL for the whole run (each suite makes its own databases on it), and an
 * up-to-date build for the suites that run the compiled gateway as a user would.
 */
export default async function globalSetup(): Promise<void> {
  const build = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('nest build failed');

  const server = new EmbeddedPostgresServer({
    dataDir: resolve('.data', 'test-postgres'),
    port: 0,
  });
  await server.start('postgres');
  process.env.TEST_POSTGRES_ADMIN_URL = server.urlFor('postgres');
  (globalThis as { testPostgres?: EmbeddedPostgresServer }).testPostgres = server;
}
