import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { GATEWAY_VERSION } from '../core/version';
import { ZaptecApi } from './zaptec/zaptec-api';
import { ZaptecClient } from './zaptec/zaptec-client';
import { resolveUpstream, type UpstreamTarget, ZAPTEC_UPSTREAM } from './zaptec/upstream-target';
import { ZAPTEC_OBSERVER, type ZaptecObserver } from './zaptec/zaptec-observer';

@Global()
@Module({
  providers: [
    {
      provide: ZAPTEC_UPSTREAM,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => resolveUpstream(config.upstream, new Logger('Upstream')),
    },
    {
      provide: ZaptecClient,
      // The observer is core/metrics' (GET /metrics); without it the client reports nothing.
      inject: [APP_CONFIG, ZAPTEC_UPSTREAM, { token: ZAPTEC_OBSERVER, optional: true }],
      useFactory: (config: AppConfig, upstream: UpstreamTarget, observer?: ZaptecObserver) =>
        new ZaptecClient({
          baseUrl: upstream.baseUrl,
          userAgent: `zaptec-gateway/${GATEWAY_VERSION}`,
          timeoutMs: config.upstream.timeoutMs,
          // Zaptec: 10 req/s per account, burst 15 (§8). A burst of 100 calls of one account
          // takes 10 s to send; a call waits at most 20 s for its turn, then answers 503.
          limiter: { perSecond: 10, maxQueued: 500, maxWaitMs: 20_000 },
          getAttempts: 3,
          breaker: { failures: 5, openMs: 10_000 },
          observer,
        }),
    },
    {
      provide: ZaptecApi,
      inject: [ZaptecClient],
      useFactory: (client: ZaptecClient) => new ZaptecApi(client),
    },
  ],
  exports: [ZAPTEC_UPSTREAM, ZaptecClient, ZaptecApi],
})
export class UpstreamModule implements OnApplicationShutdown {
  constructor(
    @Inject(ZAPTEC_UPSTREAM) private readonly upstream: UpstreamTarget,
    private readonly client: ZaptecClient,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
    await this.upstream.demo?.close();
  }
}
