import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// design.md "Rules of the house": upstream/ speaks HTTP to Zaptec and throws typed errors
// (upstream-errors.ts); what they mean to our callers is decided in core/errors, and our DTOs
// and modules never go into upstream/. No import may run back up.
const FORBIDDEN = [/\/core\/errors\//, /\/modules\//];

function sourcesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('upstream layering', () => {
  it('imports nothing from core/errors or the modules', () => {
    const offending = sourcesUnder(__dirname).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)]
        .map(([, specifier]) => specifier)
        .filter((specifier) => FORBIDDEN.some((pattern) => pattern.test(`/${specifier}`)))
        .map((specifier) => `${relative(__dirname, file)} → ${specifier}`),
    );
    expect(offending).toEqual([]);
  });
});
