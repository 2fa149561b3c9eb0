import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface OsUser {
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user, made here
 * when the machine has none. Anyone else runs it as themselves (undefined: no switch).
 */
export async function postgresOsUser(): Promise<OsUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookUp('postgres');
  if (existing) return existing;
  await run('useradd', [
    '--system',
    '--user-group',
    '--no-create-home',
    '--shell',
    '/usr/sbin/nologin',
    'postgres',
  ]);
  const created = await lookUp('postgres');
  if (!created)
    throw new Error('Could not create the postgres system user for the embedded PostgreSQL');
  return created;
}

async function lookUp(name: string): Promise<OsUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch (error) {
    // `id` exits 1 for an unknown user; anything else (no `id` at all) is a real failure.
    if ((error as { code?: unknown }).code === 1) return undefined;
    throw error;
  }
}
