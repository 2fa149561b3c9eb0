import { parseArgs } from 'node:util';
import {
  diffSchemaAgainstMigrations,
  writeMigration,
} from '../database/migrations/migration-runner';
import { openCliDatabase, runCli } from './database-url';

const USAGE = 'usage: npm run db:diff -- --name <snake_case_name>';

/**
 * `npm run db:diff -- --name x`: writes prisma/migrations/<timestamp>_x/migration.sql with what
 * schema.prisma adds to the migrations so far; writes nothing when they already agree.
 */
runCli(async () => {
  const { values } = parseArgs({ options: { name: { type: 'string' } } });
  if (!values.name || !/^[a-z0-9_]+$/.test(values.name)) throw new Error(USAGE);
  const name = values.name;
  const database = await openCliDatabase();
  try {
    const sql = await diffSchemaAgainstMigrations(database.url);
    if (!sql) {
      process.stdout.write('schema.prisma matches the migrations: nothing to write.\n');
      return;
    }
    const folder = await writeMigration(name, sql);
    process.stdout.write(`Wrote prisma/migrations/${folder}/migration.sql\n`);
  } finally {
    await database.close();
  }
});
