import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();

/** Every source file under a folder, recursively. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

/**
 * Who clones the project has only the project (issue 9 item 17): the README and the code cite
 * documents that ship with it, never the workspace's `../shared` folder.
 */
describe('documents the project cites', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('README links resolve inside the project', () => {
    const links = [...readme.matchAll(/\]\(([^)#\s]+)[^)]*\)/g)]
      .map((match) => match[1])
      .filter((target) => !/^[a-z]+:/.test(target));
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((target) => !existsSync(join(ROOT, target)))).toEqual([]);
  });

  it('nothing points at ../shared', () => {
    const citing = ['README.md', ...sources('src'), ...sources('test')]
      .filter((file) => file !== join('test', 'docs-links.e2e-spec.ts'))
      .filter((file) => readFileSync(join(ROOT, file), 'utf8').includes('../shared'));
    expect(citing).toEqual([]);
  });

  it('the Zaptec reference cited as zaptec-api.md ships in docs/', () => {
    expect(readme).toContain('docs/zaptec-api.md');
    expect(existsSync(join(ROOT, 'docs', 'zaptec-api.md'))).toBe(true);
  });
});
