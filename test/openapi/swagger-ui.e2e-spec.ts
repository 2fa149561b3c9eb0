import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { DEMO } from '../simulator/fixtures';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { ACCOUNTS } from '../support/simulator';

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

interface Shown {
  status: string;
  body: string;
  /** The "Response headers" block as the page shows it, one `name: value` per line. */
  headers: string;
}

/**
 * Expands an operation, clicks "Try it out", types the request body when one is given (else the
 * example stays), clicks "Execute", and returns the answer the page shows.
 */
async function execute(page: Page, operationId: string, body?: object): Promise<Shown> {
  const block = page.locator(`[id$="-${operationId}"].opblock`);
  await block.locator('.opblock-summary').first().click();
  await block.locator('button.try-out__btn').click();
  if (body) await block.locator('textarea.body-param__text').fill(JSON.stringify(body));
  await block.locator('button.execute').click();
  const live = block.locator('.live-responses-table .response').first();
  await live.waitFor();
  const description = live.locator('.response-col_description');
  return {
    status: (await live.locator('.response-col_status').innerText()).trim(),
    body: await description.locator('pre').first().innerText(),
    headers: await description.locator('h5:has-text("Response headers") + pre').innerText(),
  };
}

/**
 * The page's Authorize dialog: sign the bearer token out, authorize the API key scheme. (Its
 * buttons' accessible names are aria-labels such as "Remove authorization", so by text here.)
 */
async function authorizeWithKey(page: Page, secret: string): Promise<void> {
  await page.locator('.auth-wrapper button.authorize').click();
  const dialog = page.locator('.dialog-ux');
  const scheme = (name: string) =>
    dialog.locator('.auth-container').filter({ has: page.locator(`h4:has-text("${name}")`) });
  await scheme('bearer').locator('button', { hasText: 'Logout' }).click();
  const key = scheme('api-key');
  await key.locator('input').fill(secret);
  await key.locator('button.authorize').click();
  await key.locator('button', { hasText: 'Logout' }).waitFor();
  await dialog.locator('button.close-modal').click();
}

describe('Swagger UI in headless Chromium', () => {
  let gateway: TestGateway;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    gateway = await startTestGateway({
      // The service account a key's calls go upstream through: the admin holds Office.
      env: { ZAPTEC_USERNAME: ACCOUNTS.admin.email, ZAPTEC_PASSWORD: ACCOUNTS.admin.password },
    });
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

  it('signs in as an Administrator, mints a key with the example, and calls with the key alone', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/docs`);
    await page.locator('.opblock').first().waitFor();
    const { email, password } = ACCOUNTS.admin;
    expect((await execute(page, 'login', { username: email, password })).status).toBe('200');

    // The example as shown: a User key on Office, expiring in the future.
    const minted = await execute(page, 'createApiKey');
    expect(minted.status).toBe('201');
    const key = JSON.parse(minted.body) as { secret: string; installationIds: string[] };
    expect(key.secret).toMatch(/^zgw_/);
    expect(key.installationIds).toEqual([DEMO.office.id]);

    await authorizeWithKey(page, key.secret);
    const chargers = await execute(page, 'listChargers');
    expect(chargers.status).toBe('200');
    const listed = JSON.parse(chargers.body) as { installationId: string }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed.map(({ installationId }) => installationId))).toEqual(
      new Set([DEMO.office.id]),
    );
    // The key's quota answered, so the key (not a leftover bearer token) made the call.
    expect(chargers.headers).toMatch(/ratelimit-policy: "per-key"/);
  }, 60_000);
});
