import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { resolveUpstream, type UpstreamTarget, ZAPTEC_UPSTREAM } from './zaptec/upstream-target';

@Global()
@Module({
  providers: [
    {
      provide: ZAPTEC_UPSTREAM,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => resolveUpstream(config.upstream, new Logger('Upstream')),
    },
  ],
  exports: [ZAPTEC_UPSTREAM],
})
export class UpstreamModule implements OnApplicationShutdown {
  constructor(@Inject(ZAPTEC_UPSTREAM) private readonly upstream: UpstreamTarget) {}

  async onApplicationShutdown(): Promise<void> {
    await this.upstream.demo?.close();
  }
}
