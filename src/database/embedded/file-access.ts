import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Whether a user other than the owner can walk down to `path`: every existing folder on the way
 * must grant "others" the search (x) bit. Folders that do not exist yet will be made by us with
 * the default, walkable mode.
 */
export async function walkableByOthers(path: string): Promise<boolean> {
  for (let current = path; ; current = dirname(current)) {
    const info = await stat(current).catch(() => undefined);
    if (info?.isDirectory() && (info.mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}
