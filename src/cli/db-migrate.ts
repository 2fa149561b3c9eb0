import { applyMigrations } from '../database/migrations/migration-runner';
import { openCliDatabase, runCli } from './database-url';

/** `npm run db:migrate`: applies pending migrations, as `prisma migrate deploy` would. */
runCli(async () => {
  const database = await openCliDatabase();
  try {
    const applied = await applyMigrations(database.url);
    process.stdout.write(
      applied.length
        ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
        : 'Database schema is up to date: no migration to apply.\n',
    );
  } finally {
    await database.close();
  }
});
