import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { FIXED_START } from '../simulator/fixtures';
import { startTestApp } from '../support/app';
import { ACCOUNTS, clearFaults, injectFaults, startTestSimulator } from '../support/simulator';
import { eventually, metric } from './ingestion-support';

// A first start whose ingestion sign-in Zaptec refuses (its token endpoint answers 503 to logins
// closer than a second apart, §2, e.g. right after the constants' own sign-in) ingests within
// seconds once sign-ins work again, not only after the next history interval (5 min by default).

describe('ingestion after a refused sign-in', () => {
  let simulator: RunningSimulator;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    simulator = await startTestSimulator({ start: FIXED_START, historyDays: 2 });
    await injectFaults(simulator, { errorRate: 1, errorKind: '503', paths: ['/oauth/token'] });
    app = await startTestApp({
      ZAPTEC_API_URL: simulator.url,
      INGESTION_ENABLED: 'true',
      INGESTION_STATE_INTERVAL_S: '1',
      // The default history interval: the retry must not wait for it.
      INGESTION_HISTORY_INTERVAL_S: '300',
      ZAPTEC_USERNAME: ACCOUNTS.admin.email,
      ZAPTEC_PASSWORD: ACCOUNTS.admin.password,
    });
  });
  afterAll(async () => {
    await app?.close();
    await simulator?.close();
  });

  it('retries discovery soon and starts polling once Zaptec signs it in', async () => {
    // Ingestion's discovery failed on the refused sign-in (the constants' own sign-in is refused
    // too; counting token calls raced with its retries, so the failure itself is awaited).
    await eventually('a discovery refused by the sign-in', async () =>
      (await metric(app, 'gateway_ingestion_errors_total', { source: 'discovery' })) >= 1
        ? true
        : undefined,
    );
    await clearFaults(simulator);
    await eventually(
      'the first poll',
      async () =>
        (await metric(app, 'gateway_ingestion_polls_total', { result: 'fetched' })) > 0
          ? true
          : undefined,
      15_000,
    );
  });
});
