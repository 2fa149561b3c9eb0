import type { EmbeddedPostgresServer } from '../../src/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { testPostgres?: EmbeddedPostgresServer }).testPostgres?.stop();
}
