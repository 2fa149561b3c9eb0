import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Pool } from 'pg';
import type { AppConfig } from '../../config/app-config';
import { ConfigModule } from '../../config/config.module';
import { UpstreamModule } from '../../upstream/upstream.module';
import { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import { ZaptecClient } from '../../upstream/zaptec/zaptec-client';
import { Discovery } from '../ingestion/discovery';
import { withFence } from '../ingestion/fenced-transaction';
import { IngestionAccounts } from '../ingestion/ingestion-accounts';
import type { LeaderElection } from '../ingestion/leader-election';
import { upsertChargers, upsertInstallations } from '../ingestion/mirror.repository';
import { UpstreamBudget } from '../ingestion/upstream-budget';
import { BackfillWorker } from './backfill-worker';

@Module({ providers: [IngestionAccounts, Discovery] })
class BackfillUpstreamModule {}

/** A backfill run by the CLI itself, which leads ingestion while it runs (no gateway leads). */
export interface InProcessBackfill {
  readonly worker: BackfillWorker;
  close(): Promise<void>;
}

/**
 * What the gateway's leader would use, built in the CLI: the same upstream (ZAPTEC_API_URL, or in
 * demo mode a simulator started as the gateway starts it), client with its per-account limiter,
 * ingestion accounts and ingestion budget (INGESTION_MAX_REQUESTS_PER_S). Discovery's rows go
 * into the mirror as the leader's would, so the sessions' installations get their real names.
 */
export async function startInProcessBackfill(
  config: AppConfig,
  pool: Pool,
  leader: LeaderElection,
  onError: (error: unknown) => void,
): Promise<InProcessBackfill> {
  const context = await NestFactory.createApplicationContext(
    {
      module: BackfillUpstreamModule,
      imports: [ConfigModule.forRoot(config), UpstreamModule],
    },
    { logger: ['error', 'warn'] },
  );
  const client = context.get(ZaptecClient);
  const accounts = context.get(IngestionAccounts);
  const discovery = context.get(Discovery);
  const budget = new UpstreamBudget(config.ingestion.maxRequestsPerSecond, (account) =>
    client.waitingFor(account),
  );
  const worker = new BackfillWorker({
    pool,
    fence: leader,
    budget,
    zaptec: context.get(ZaptecApi),
    async installations(signal) {
      const found = await discovery.discover(await accounts.signedIn(), budget, signal);
      await withFence(pool, leader, async (db) => {
        await upsertInstallations(db, found.installations);
        await upsertChargers(db, found.chargers);
      });
      return found.installations;
    },
    onError,
  });
  return {
    worker,
    async close() {
      budget.close();
      await worker.settled().catch(() => undefined);
      await context.close();
    },
  };
}
