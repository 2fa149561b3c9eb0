import { Global, Module } from '@nestjs/common';
import { ZAPTEC_OBSERVER } from '../../upstream/zaptec/zaptec-observer';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * GET /metrics and the one MetricsService every part reports to. Global, so the response cache
 * and the upstream module take it without importing this module; the Zaptec client gets only
 * the observer interface it defines (ZAPTEC_OBSERVER), so upstream/ never depends on core.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    MetricsService,
    MetricsAccessGuard,
    {
      provide: ZAPTEC_OBSERVER,
      inject: [MetricsService],
      useFactory: (metrics: MetricsService) => metrics.zaptec,
    },
  ],
  exports: [MetricsService, ZAPTEC_OBSERVER],
})
export class MetricsModule {}
