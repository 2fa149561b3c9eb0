import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ChargersModule } from '../modules/chargers/chargers.module';
import { ConstantsModule } from '../modules/constants/constants.module';
import { Discovery } from './ingestion/discovery';
import { HistorySync } from './ingestion/history-sync';
import { IngestionAccounts } from './ingestion/ingestion-accounts';
import { IngestionScheduler } from './ingestion/ingestion.scheduler';
import { StatePoller } from './ingestion/state-poller';

/**
 * Background jobs: ingestion of observations and charge sessions into Postgres, on the one
 * leader among the instances (INGESTION_ENABLED; app.module.ts imports this module only then).
 */
@Module({
  imports: [ScheduleModule.forRoot(), ChargersModule, ConstantsModule],
  providers: [IngestionAccounts, Discovery, StatePoller, HistorySync, IngestionScheduler],
})
export class JobsModule {}
