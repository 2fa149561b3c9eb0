import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EmbeddedPostgresServer } from '../../src/database/embedded/embedded-postgres';
import { makeDataDir } from './temp-dir';

/**
 * One real PostgreSQL for the whole run (each suite makes its own databases on it), and an
 * up-to-date build for the suites that run the compiled gateway as a user would.
 */
export default async function globalSetup(): Promise<void> {
  const build = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('nest build failed');

  // A throwaway cluster (initdb takes about a second); removed again by the teardown.
  const dataDir = await makeDataDir('test-postgres');
  const server = new EmbeddedPostgresServer({ dataDir: join(dataDir, 'postgres'), port: 0 });
  await server.start('postgres');
  process.env.TEST_POSTGRES_ADMIN_URL = server.urlFor('postgres');
  Object.assign(globalThis, { testPostgres: { server, dataDir } });
}
