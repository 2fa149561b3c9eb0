import { Inject, Injectable } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';
import { PrismaClient } from '../generated/prisma/client';
import { DATABASE_CONNECTION, type DatabaseConnection } from './database-connection';
import { createPool } from './pool';

/** The one Prisma client of the process; only repositories use it. */
@Injectable()
export class PrismaService extends PrismaClient {
  /**
   * Our own pool: Prisma 7.10's $disconnect() leaves the adapter's pool (and its sockets) open.
   * Public so that set-based raw writes (ingestion's unnest upserts) share Prisma's connections.
   */
  readonly pool: Pool;

  constructor(@Inject(DATABASE_CONNECTION) connection: DatabaseConnection) {
    const pool = createPool({ connectionString: connection.url });
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
  }

  /** Cheapest round trip that proves the database answers. */
  async ping(): Promise<void> {
    await this.$queryRaw`SELECT 1`;
  }

  async close(): Promise<void> {
    await this.$disconnect();
    await this.pool.end();
  }
}
