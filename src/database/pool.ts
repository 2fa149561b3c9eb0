import { Logger } from '@nestjs/common';
import { Pool, type PoolConfig } from 'pg';

/**
 * Every pg pool of the gateway and its CLIs. An idle connection the server closes (a restart, a
 * failover, a proxy's idle timeout) is an 'error' on its pool, which node-postgres throws when
 * nobody listens: that ended the process. Prisma's adapter listens only while Prisma is
 * connected, and the ingestion writers and the backfill CLI use the pool directly. The pool has
 * dropped the client by then; the next query opens a new one.
 */
export function createPool(config: PoolConfig): Pool {
  const pool = new Pool(config);
  pool.on('error', (error) => {
    new Logger('Database').warn({ err: error }, 'An idle database connection was closed');
  });
  return pool;
}
