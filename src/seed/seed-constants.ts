import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type SeedVersion = '4.7.0' | '6.5.8';

/**
 * Zaptec's `GET /api/constants`, as recorded: 4.7.0 (the founding document) and 6.5.8 (today).
 * Copied from shared/seed, byte for byte, because users clone the project without it.
 */
export function readSeedConstants(version: SeedVersion): Buffer {
  return readFileSync(join(__dirname, `constants-${version}.json`));
}

/** ErrorCodes of both versions: code → name (6.5.8 only adds codes, §11). */
export function seedErrorNames(): Map<number, string> {
  const names = new Map<number, string>();
  for (const version of ['4.7.0', '6.5.8'] as const) {
    const { ErrorCodes } = JSON.parse(readSeedConstants(version).toString('utf8')) as {
      ErrorCodes: Record<string, number>;
    };
    for (const [name, code] of Object.entries(ErrorCodes)) names.set(code, name);
  }
  return names;
}
