import { rm } from 'node:fs/promises';
import type { EmbeddedPostgresServer } from '../../src/database/embedded/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const { testPostgres } = globalThis as {
    testPostgres?: { server: EmbeddedPostgresServer; dataDir: string };
  };
  if (!testPostgres) return;
  await testPostgres.server.stop();
  await rm(testPostgres.dataDir, { recursive: true, force: true });
}
