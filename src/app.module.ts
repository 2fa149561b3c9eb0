import { type DynamicModule, Module } from '@nestjs/common';
import { CacheModule } from './cache/cache.module';
import { CacheHttpModule } from './cache/http/cache-http.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './core/health/health.module';
import { MetricsModule } from './core/metrics/metrics.module';
import { DatabaseModule } from './database/database.module';
import { JobsModule } from './jobs/jobs.module';
import { AuditModule } from './modules/audit/audit.module';
import { AccessModule } from './core/auth/access.module';
import { ApiKeysModule } from './modules/api-keys/api-keys.module';
import { AuthModule } from './modules/auth/auth.module';
import { ChargersModule } from './modules/chargers/chargers.module';
import { ChargeHistoryModule } from './modules/charge-history/charge-history.module';
import { HistoryModule } from './modules/history/history.module';
import { CircuitsModule } from './modules/circuits/circuits.module';
import { ConstantsModule } from './modules/constants/constants.module';
import { InstallationsModule } from './modules/installations/installations.module';
import { MeterKeysModule } from './modules/meter-keys/meter-keys.module';
import { SessionDetailModule } from './modules/sessions/detail/session-detail.module';
import { SessionsModule } from './modules/sessions/sessions.module';
import { UpstreamModule } from './upstream/upstream.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        MetricsModule,
        DatabaseModule,
        UpstreamModule,
        CacheModule,
        CacheHttpModule,
        HealthModule,
        AccessModule,
        AuthModule,
        ApiKeysModule,
        AuditModule,
        ConstantsModule,
        ChargersModule,
        InstallationsModule,
        CircuitsModule,
        ChargeHistoryModule,
        SessionsModule,
        SessionDetailModule,
        MeterKeysModule,
        HistoryModule,
        // Ingestion runs only when enabled; without the module nothing of it is even constructed.
        ...(config.ingestion.enabled ? [JobsModule] : []),
      ],
    };
  }
}
