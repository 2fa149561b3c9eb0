import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startTestApp } from '../support/app';
import { makeDataDir } from '../support/temp-dir';

const run = promisify(execFile);
const REDOCLY = join(process.cwd(), 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer?: string }[];
}

/**
 * Redocly's `recommended` ruleset on the document /docs-json serves (issue 9 item 15): 0 errors
 * and 0 warnings, so partners' linters and generators take it as it is.
 */
describe('OpenAPI lint', () => {
  let app: NestFastifyApplication;
  let dir: string;

  beforeAll(async () => {
    app = await startTestApp();
    dir = await makeDataDir('openapi-lint');
  });
  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("passes Redocly's recommended rules without an error or a warning", async () => {
    const document = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    // Redocly exits 1 on errors; its JSON report is on stdout either way.
    const { stdout } = await run(
      process.execPath,
      [REDOCLY, 'lint', '--format=json', '--extends=recommended', '--max-problems=1000', file],
      {
        cwd: dir,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as { problems: LintProblem[] };
    const problems = report.problems.map(
      (problem) =>
        `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer ?? '?'}: ${problem.message}`,
    );
    expect(problems).toEqual([]);
  }, 60_000);
});
