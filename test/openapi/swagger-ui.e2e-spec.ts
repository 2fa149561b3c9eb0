import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Swagger UI in a real browser: Debian's `chromium` (headless, driven by playwright-core; `.ci/run`
 * installs it when it is missing, CHROMIUM_PATH names another). A partner's first minutes on
 * /docs: "Try it out" on sign-in with its example, which authorizes the page, then a call.
 */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    throw new Error(
      "No chromium found: install Debian's chromium package (.ci/run does) or set CHROMIUM_PATH",
    );
  }
}

/** Expands an operation, clicks "Try it out" and "Execute", and returns the answer it shows. */
async function execute(page: Page, operationId: string): Promise<{ status: string; body: string }> {
  const block = page.locator(`[id$="-${operationId}"].opblock`);
  await block.locator('.opblock-summary').first().click();
  await block.locator('button.try-out__btn').click();
  await block.locator('button.execute').click();
  const live = block.locator('.live-responses-table .response').first();
  await live.waitFor();
  return {
    status: (await live.locator('.response-col_status').innerText()).trim(),
    body: await live.locator('.response-col_description pre').first().innerText(),
  };
}

describe('Swagger UI in headless Chromium', () => {
  let gateway: TestGateway;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    await gateway.app.listen(0, '127.0.0.1');
    const { port } = gateway.app.getHttpServer().address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      // As root (CI's containers) Chromium refuses to start its sandbox.
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  it('signs in with the example, is authorized by it, and lists the chargers', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/docs`);
    await page.locator('.opblock').first().waitFor();

    const signIn = await execute(page, 'login');
    expect(signIn.status).toBe('200');
    expect(JSON.parse(signIn.body)).toEqual(
      expect.objectContaining({ accessToken: expect.any(String), tokenType: 'Bearer' }),
    );

    // No token copied by hand: the page's bearer scheme now holds the sign-in's token.
    const chargers = await execute(page, 'listChargers');
    expect(chargers.status).toBe('200');
    const names = (JSON.parse(chargers.body) as { name: string }[]).map(({ name }) => name);
    expect(names).toContain('Driveway');
  }, 60_000);
});
