import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MIGRATION_LOCK_CONTENT,
  MIGRATION_LOCK_FILE,
  prismaDir,
  readMigrations,
  readSchema,
} from './migration-files';
import { NO_EXTERNAL_OBJECTS, withSchemaEngine } from './schema-engine';

/**
 * Applies pending migrations from prisma/migrations and records them in `_prisma_migrations`,
 * exactly as `prisma migrate deploy` does, so a machine with the native CLI sees the same history.
 * Returns the names of the migrations it applied (empty when the database was up to date).
 */
export async function applyMigrations(databaseUrl: string, dir = prismaDir()): Promise<string[]> {
  const [schema, migrationsList] = await Promise.all([readSchema(dir), readMigrations(dir)]);
  const output = await withSchemaEngine(databaseUrl, schema, (engine) =>
    engine.applyMigrations({ migrationsList, filters: NO_EXTERNAL_OBJECTS }),
  );
  return output.appliedMigrationNames;
}

/** The SQL that takes the database described by prisma/migrations to schema.prisma ('' when none). */
export async function diffSchemaAgainstMigrations(
  databaseUrl: string,
  dir = prismaDir(),
): Promise<string> {
  const [schema, migrationsList] = await Promise.all([readSchema(dir), readMigrations(dir)]);
  const from =
    migrationsList.migrationDirectories.length > 0
      ? ({ tag: 'migrations', ...migrationsList } as const)
      : ({ tag: 'empty' } as const);
  const result = await withSchemaEngine(databaseUrl, schema, (engine) =>
    engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_EXTERNAL_OBJECTS,
    }),
  );
  return isEmptyMigration(result.stdout ?? '') ? '' : (result.stdout ?? '');
}

/** The engine answers an unchanged schema with a comment-only script. */
function isEmptyMigration(sql: string): boolean {
  return sql
    .split('\n')
    .map((line) => line.trim())
    .every((line) => line === '' || line.startsWith('--'));
}

/** Writes `sql` as the next migration folder (`<UTC timestamp>_<name>/migration.sql`). */
export async function writeMigration(
  name: string,
  sql: string,
  dir = prismaDir(),
  now = new Date(),
): Promise<string> {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  const folder = `${stamp}_${name}`;
  const baseDir = join(dir, 'migrations');
  await mkdir(join(baseDir, folder), { recursive: true });
  await writeFile(join(baseDir, folder, 'migration.sql'), sql);
  await writeFile(join(baseDir, MIGRATION_LOCK_FILE), MIGRATION_LOCK_CONTENT);
  return folder;
}
