import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { Client, type ClientConfig, Pool, type PoolClient, type QueryResult } from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';

const CHAR_OID = 18;
const TEXT_OID = 25;
// Marks a "char" column on its way through the adapter; no real column name contains NUL.
const CHAR_MARK = '\u0000char';

/**
 * Reading the schema of a database (what `diff` does to the shadow database) selects pg_catalog
 * columns of the one-byte type "char" (pg_constraint.contype, ...). @prisma/adapter-pg 7.10 maps
 * no column type to that OID and fails with "Column type 'char' could not be deserialized", while
 * the engine expects them as Character. So the pool's clients pass "char" columns through as
 * text with a marked name, and the adapter's result turns marked columns into Character again.
 */
function passCatalogCharAsText(client: PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const last = args.at(-1);
    if (typeof last === 'function') {
      const callback = last as (error: Error | null, result?: QueryResult) => void;
      args[args.length - 1] = (error: Error | null, result?: QueryResult) =>
        callback(error, markCharColumns(result));
      return query(...args);
    }
    const pending = query(...args);
    return pending instanceof Promise ? pending.then(markCharColumns) : pending;
  }) as typeof client.query;
}

function markCharColumns<T extends QueryResult | undefined>(result: T): T {
  for (const field of result?.fields ?? []) {
    if (field.dataTypeID !== CHAR_OID) continue;
    field.dataTypeID = TEXT_OID;
    field.name += CHAR_MARK;
  }
  return result;
}

function restoreCharColumns(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    result.columnNames.forEach((name, index) => {
      if (!name.endsWith(CHAR_MARK)) return;
      result.columnNames[index] = name.slice(0, -CHAR_MARK.length);
      result.columnTypes[index] = ColumnTypeEnum.Character;
    });
    return result;
  };
  return adapter;
}

/**
 * PrismaPg 7.10 runs a migration script by splitting it on every `;`, also inside comments and
 * dollar-quoted function bodies (a trigger function broke the session_energy_spans migration).
 * PostgreSQL's simple query protocol takes the whole script at once, as psql does, in one
 * implicit transaction: a failing script leaves nothing half applied. Errors go through the
 * adapter's own conversion, as its executeScript's do.
 */
function runWholeScripts(adapter: SqlDriverAdapter, pool: Pool): SqlDriverAdapter {
  const converting = adapter as unknown as { onError(error: unknown): never };
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      converting.onError(error);
    }
  };
  return adapter;
}

/**
 * PrismaPg for the WASM schema engine (migrations, diffs). Besides the "char" fix above, it makes
 * its own shadow database: PrismaPg's (7.10) lets a connection string override the shadow's
 * `database`, so the real database would become the shadow, and it drops the shadow before
 * closing its pool, whose idle connections then die with an unhandled 'error'. Here the pool is
 * closed first, then the shadow dropped.
 */
export class SchemaEnginePg implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  private readonly config: ClientConfig;
  /** `SchemaEngine.free()` does not dispose the adapters it asked for; `close()` does. */
  private readonly open = new Set<SqlDriverAdapter>();

  constructor(connectionString: string) {
    this.config = parseIntoClientConfig(connectionString);
  }

  connect(): Promise<SqlDriverAdapter> {
    return this.adapterFor(this.config.database);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await this.admin(`CREATE DATABASE "${database}"`);
    return this.adapterFor(database, () =>
      this.admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.open].map((adapter) => adapter.dispose()));
  }

  private async adapterFor(
    database: string | undefined,
    afterDispose: () => Promise<void> = () => Promise.resolve(),
  ): Promise<SqlDriverAdapter> {
    const pool = new Pool({ ...this.config, database });
    pool.on('connect', passCatalogCharAsText);
    const adapter = runWholeScripts(
      restoreCharColumns(await new PrismaPg(pool, { disposeExternalPool: true }).connect()),
      pool,
    );
    this.open.add(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (!this.open.delete(adapter)) return;
      await dispose();
      await afterDispose();
    };
    return adapter;
  }

  private async admin(sql: string): Promise<void> {
    const client = new Client(this.config);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}
