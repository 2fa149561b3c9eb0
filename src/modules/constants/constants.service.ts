import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { readSeedConstants } from '../../seed/seed-constants';
import { CredentialSession } from '../../upstream/zaptec/credential-session';
import { parseLosslessJson } from '../../upstream/zaptec/lossless-json';
import type { ZaptecConstants } from '../../upstream/zaptec/types/wire';
import { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import { type UpstreamSession, ZaptecClient } from '../../upstream/zaptec/zaptec-client';
import { ConstantsCatalog } from './constants-catalog';

/** Constants change with Zaptec releases, a few times a year (design.md TTL: 24 h). */
const TTL_MS = 24 * 60 * 60 * 1000;
/** After a failed load, wait this long before asking upstream again. */
const RETRY_AFTER_FAILURE_MS = 60_000;

/**
 * The constants upstream serves, cached for a day. Until they are loaded (or when upstream fails)
 * the seed (6.5.8, a superset of 4.7.0) answers. Loading needs a Zaptec token: the service
 * account's when configured, otherwise the first signed-in caller's.
 */
@Injectable()
export class ConstantsService implements OnModuleInit {
  private readonly logger = new Logger(ConstantsService.name);
  private catalog = new ConstantsCatalog(
    parseLosslessJson(readSeedConstants('6.5.8').toString('utf8')) as ZaptecConstants,
    'seed',
  );
  private nextLoadAt = 0;
  private loading: Promise<void> | undefined;
  private readonly serviceSession: UpstreamSession | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly zaptec: ZaptecApi,
    client: ZaptecClient,
  ) {
    const account = config.upstream.serviceAccount;
    this.serviceSession = account
      ? new CredentialSession(client, account.username, account.password)
      : undefined;
  }

  onModuleInit(): void {
    if (this.serviceSession) void this.refresh(this.serviceSession);
  }

  /** The current catalog; a stale one is refreshed with `session` (concurrent callers share it). */
  async current(session?: UpstreamSession): Promise<ConstantsCatalog> {
    const caller = this.serviceSession ?? session;
    if (caller && Date.now() >= this.nextLoadAt) await this.refresh(caller);
    return this.catalog;
  }

  private refresh(session: UpstreamSession): Promise<void> {
    this.loading ??= this.zaptec
      .constants(session)
      .then((raw) => {
        this.catalog = new ConstantsCatalog(raw, 'upstream');
        this.nextLoadAt = Date.now() + TTL_MS;
        this.logger.log(`Loaded Zaptec constants ${this.catalog.version}`);
      })
      .catch((error: unknown) => {
        // Stale-if-error: keep serving what we have (at worst the seed) and try again later.
        this.nextLoadAt = Date.now() + RETRY_AFTER_FAILURE_MS;
        this.logger.warn(
          { err: error },
          'Could not load Zaptec constants; keeping the previous ones',
        );
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }
}
