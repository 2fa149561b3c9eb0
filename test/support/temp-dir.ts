import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A new temporary folder that the embedded PostgreSQL can use: mkdtemp makes it private, but as
 * root postgres runs as its own user, which must be able to enter it.
 */
export async function makeDataDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `zaptec-gateway-${prefix}-`));
  await chmod(dir, 0o755);
  return dir;
}
