import type { PoolClient } from 'pg';

/** What a repository needs to run SQL: a pool, a pool client inside a transaction, or a client. */
export type Queryable = Pick<PoolClient, 'query'>;
