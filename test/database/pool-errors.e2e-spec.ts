import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import request from 'supertest';
import { PrismaService } from '../../src/database/prisma.service';
import { createTestDatabase, withAdminClient } from '../support/database';
import { type CapturedLog, startLoggedApp } from '../support/log-capture';

// An idle pooled connection that the server closes (a PostgreSQL restart or failover, an idle
// timeout in a proxy, pg_terminate_backend) emits 'error' on the pool. node-postgres rethrows
// it when the pool has no listener, and that took the whole gateway down: seen as
// "terminating connection due to administrator command" (57P01) ending a benchmark's gateway.
/** Closes every session on `databaseUrl`'s database but the caller's, as a server restart would. */
async function terminateSessions(databaseUrl: string): Promise<number> {
  const database = new URL(databaseUrl).pathname.slice(1);
  const { rowCount } = await withAdminClient((client) =>
    client.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [database],
    ),
  );
  return rowCount ?? 0;
}

/** The idle clients hear of it on their sockets; the pool drops them. */
async function idleClientsDropped(pool: Pool): Promise<void> {
  for (let waited = 0; pool.idleCount > 0 && waited < 5000; waited += 20) await sleep(20);
  expect(pool.idleCount).toBe(0);
}

describe('the database pool on its own', () => {
  afterEach(() => jest.restoreAllMocks());

  // Prisma's adapter listens on the pool only while Prisma is connected (it connects on its
  // first query, and stops listening in $disconnect, before close() ends the pool); the
  // ingestion writers use the pool directly, so the pool needs a listener of its own.
  it('logs an idle connection closed by the server before Prisma ever connected', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const url = await createTestDatabase();
    const prisma = new PrismaService({ url, embedded: undefined });
    try {
      await prisma.pool.query('SELECT 1');
      expect(await terminateSessions(url)).toBe(1);
      await idleClientsDropped(prisma.pool);
      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({ err: expect.objectContaining({ code: '57P01' }) }),
        expect.stringContaining('idle database connection'),
      );
      await expect(prisma.pool.query('SELECT 1')).resolves.toMatchObject({ rowCount: 1 });
    } finally {
      await prisma.close();
    }
  });
});

describe('the database pool', () => {
  let app: NestFastifyApplication;
  let log: CapturedLog;
  let databaseUrl: string;

  beforeAll(async () => {
    ({ app, log, databaseUrl } = await startLoggedApp());
  });
  afterAll(() => app.close());

  it('survives the server closing its idle connections, logs it, and reconnects', async () => {
    await request(app.getHttpServer()).get('/health/ready').expect(200);
    const pool = app.get(PrismaService).pool;
    expect(pool.idleCount).toBeGreaterThan(0);

    expect(await terminateSessions(databaseUrl)).toBeGreaterThan(0);
    await idleClientsDropped(pool);

    await request(app.getHttpServer()).get('/health/ready').expect(200);
    const lines = (await log.lines()).filter(
      (line) => line.context === 'Database' && line.level === 40,
    );
    expect(lines).toEqual([
      expect.objectContaining({ msg: expect.stringContaining('idle database connection') }),
    ]);
    expect(lines[0]).toMatchObject({ err: expect.objectContaining({ code: '57P01' }) });
  });
});
