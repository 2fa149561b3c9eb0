// A scratch PostgreSQL for a benchmark: the embedded server in a temporary directory, with the
// real migrations applied, removed when the benchmark ends (whether or not it succeeded).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import embedded from '../dist/database/embedded/embedded-postgres.js';
import migrations from '../dist/database/migrations/migration-runner.js';

/** Runs `use(url)` against a fresh database; `name` names its temporary directory. */
export async function withScratchDatabase(name, use) {
  const workDir = mkdtempSync(join(tmpdir(), `zaptec-bench-${name}-`));
  chmodSync(workDir, 0o755); // PostgreSQL runs as the postgres user, which must walk into it
  const server = new embedded.EmbeddedPostgresServer({
    dataDir: join(workDir, 'postgres'),
    port: 0,
  });
  try {
    const url = await server.start();
    await migrations.applyMigrations(url);
    return await use(url);
  } finally {
    await server.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}
