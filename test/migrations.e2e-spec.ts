import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  applyMigrations,
  diffSchemaAgainstMigrations,
} from '../src/database/migrations/migration-runner';
import { createTestDatabase, withAdminClient } from './support/database';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const shadowDatabases = () =>
  withAdminClient(
    async (client) =>
      (
        await client.query(
          "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow%'",
        )
      ).rowCount,
  );

describe('the migration runner (WASM schema engine)', () => {
  let url: string;
  let migrationFolders: string[];

  beforeAll(async () => {
    url = await createTestDatabase();
    migrationFolders = (await readdir('prisma/migrations', { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  });

  it('applies every migration to an empty database and records it like prisma migrate deploy', async () => {
    expect(await applyMigrations(url)).toEqual(migrationFolders);

    const history = await query<{
      migration_name: string;
      finished_at: Date | null;
      checksum: string;
    }>(
      url,
      'SELECT migration_name, finished_at, checksum FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(history.map((row) => row.migration_name)).toEqual(migrationFolders);
    expect(
      history.every((row) => row.finished_at !== null && /^[0-9a-f]{64}$/.test(row.checksum)),
    ).toBe(true);
  });

  it('applies nothing on a second run', async () => {
    expect(await applyMigrations(url)).toEqual([]);
  });

  it('creates the data model of design.md with its unique keys and indexes', async () => {
    const tables = await query<{ tablename: string }>(
      url,
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    expect(tables.map((row) => row.tablename)).toEqual([
      'ApiKey',
      'AuditEvent',
      'AuthSession',
      'BackfillJob',
      'ChargeSession',
      'Charger',
      'ChargerMeterKey',
      'IngestionLeader',
      'Installation',
      'Observation',
      'RefreshToken',
      'SessionEnergyHour',
      'SessionEnergySpan',
      'SyncCursor',
      '_prisma_migrations',
    ]);
    const indexes = (
      await query<{ indexname: string }>(
        url,
        "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'",
      )
    ).map((row) => row.indexname);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'Observation_pkey',
        'ChargeSession_installationId_startedAt_idx',
        'ChargeSession_chargerId_startedAt_idx',
        'ChargeSession_installationId_endedAt_id_idx',
        'ChargeSession_chargerId_endedAt_id_idx',
        'ChargeSession_userId_endedAt_id_idx',
        'IngestionLeader_pkey',
        'BackfillJob_status_requestedAt_idx',
        'SyncCursor_source_scopeId_key',
        'ApiKey_prefix_key',
        'RefreshToken_tokenHash_key',
        'RefreshToken_familyId_idx',
        'AuthSession_subject_idx',
        'AuditEvent_installationId_occurredAt_idx',
        'SessionEnergyHour_pkey',
        'SessionEnergyHour_installationId_hour_chargerId_estimatedSe_idx',
      ]),
    );
  });

  it('stores each observation once: a repeated (charger, state, time) is refused', async () => {
    await query(
      url,
      `INSERT INTO "Installation" (id, name, "updatedAt") VALUES ('00000000-0000-4000-8000-000000000001', 'Home', now())`,
    );
    await query(
      url,
      `INSERT INTO "Charger" (id, "installationId", "deviceId", name, "deviceType", "updatedAt")
       VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'ZAP000001', 'Carport', 4, now())`,
    );
    const insert = `INSERT INTO "Observation" ("chargerId", "stateId", "observedAt", "rawValue", "numericValue")
       VALUES ('00000000-0000-4000-8000-000000000002', 710, '2026-11-25T10:00:00Z', '3', 3)`;
    await query(url, insert);
    await expect(query(url, insert)).rejects.toThrow(
      /duplicate key value violates unique constraint/,
    );
  });

  it('finds no difference between schema.prisma and the migrations, and leaves no shadow database', async () => {
    expect(await diffSchemaAgainstMigrations(url)).toBe('');
    expect(await shadowDatabases()).toBe(0);
  });

  describe('on a changed schema', () => {
    let prismaDir: string;

    beforeAll(async () => {
      prismaDir = await mkdtemp(join(tmpdir(), 'zaptec-gateway-prisma-'));
      await cp('prisma', prismaDir, { recursive: true });
      const schema = await readFile(join(prismaDir, 'schema.prisma'), 'utf8');
      await writeFile(
        join(prismaDir, 'schema.prisma'),
        schema.replace('model Installation {\n', 'model Installation {\n  city String?\n'),
      );
    });
    afterAll(() => rm(prismaDir, { recursive: true, force: true }));

    it('writes exactly the SQL of the change', async () => {
      const sql = await diffSchemaAgainstMigrations(url, prismaDir);
      expect(sql).toMatch(/ALTER TABLE "Installation" ADD COLUMN\s+"city" TEXT;/);
      expect(sql).not.toMatch(/CREATE TABLE/);
    });
  });
});

describe('npm run db:diff / db:migrate (the compiled CLI)', () => {
  let url: string;

  beforeAll(async () => {
    url = await createTestDatabase();
  });

  const run = (script: string, ...args: string[]) =>
    spawnSync(process.execPath, [`dist/cli/${script}.js`, ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: url },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('db:migrate applies the migrations, then reports nothing to apply', () => {
    const first = run('db-migrate');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Applied \d+ migration\(s\): /);
    const second = run('db-migrate');
    expect(second.stdout.trim()).toBe('Database schema is up to date: no migration to apply.');
  });

  it('db:diff on the unchanged schema writes nothing', async () => {
    const before = await readdir('prisma/migrations');
    const result = run('db-diff', '--name', 'nothing_changed');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('schema.prisma matches the migrations: nothing to write.');
    expect(await readdir('prisma/migrations')).toEqual(before);
  });

  it('db:diff refuses a missing or unsafe migration name', () => {
    const result = run('db-diff', '--name', '../escape');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('usage: npm run db:diff -- --name <snake_case_name>');
  });
});
