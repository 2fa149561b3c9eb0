import { Pool, type PoolClient } from 'pg';
import { applyMigrations } from '../../src/database/migrations/migration-runner';
import { createTestDatabase } from '../support/database';

/** A fresh database with every migration applied, and a pool on it like PrismaService's. */
export async function migratedDatabase(): Promise<{ url: string; pool: Pool }> {
  const url = await createTestDatabase();
  await applyMigrations(url);
  return { url, pool: new Pool({ connectionString: url }) };
}

export const INSTALLATION_ID = '00000000-0000-4000-8000-0000000000a1';
export const CHARGER_ID = '00000000-0000-4000-8000-0000000000c1';

/** One mirrored installation with one charger, as discovery leaves them. */
export async function seedCharger(pool: Pool): Promise<void> {
  await pool.query(
    `INSERT INTO "Installation" (id, name, "updatedAt") VALUES ($1, 'Office', now())`,
    [INSTALLATION_ID],
  );
  await pool.query(
    `INSERT INTO "Charger" (id, "installationId", "deviceId", name, "deviceType", "updatedAt")
     VALUES ($1, $2, 'ZCS000001', 'Bay 1', 1, now())`,
    [CHARGER_ID, INSTALLATION_ID],
  );
}

/** Runs `work` in one transaction on one connection, as withFence does (without the fence). */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
