import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { readSeedConstants } from '../../seed/seed-constants';
import { CredentialSession } from '../../upstream/zaptec/credential-session';
import { parseLosslessJson } from '../../upstream/zaptec/lossless-json';
import type { ZaptecConstants } from '../../upstream/zaptec/types/wire';
import { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import { type UpstreamSession, ZaptecClient } from '../../upstream/zaptec/zaptec-client';
import { ConstantsCatalog } from './constants-catalog';
import type { CacheEntry } from '../../cache/cache-store';
import { CacheService } from '../../cache/cache.service';

/** After a failed load, wait this long before asking upstream again. */
const RETRY_AFTER_FAILURE_MS = 60_000;
const CONSTANTS_KEY = 'constants|upstream';

/**
 * The constants upstream serves, cached in the cache store for CACHE_TTL_CONSTANTS_S (a day:
 * they change with Zaptec releases, a few times a year). Until they are loaded (or when upstream
 * fails past the stale maximum) the last catalog answers, at first the seed (6.5.8, a superset
 * of 4.7.0). Loading needs a Zaptec token: the service account's when configured, otherwise the
 * first signed-in caller's.
 */
@Injectable()
export class ConstantsService implements OnModuleInit {
  private readonly logger = new Logger(ConstantsService.name);
  private catalog = new ConstantsCatalog(
    parseLosslessJson(readSeedConstants('6.5.8').toString('utf8')) as ZaptecConstants,
    'seed',
  );
  /** The entry `catalog` was built from, so it is built once per load. */
  private builtFrom: CacheEntry<ZaptecConstants> | undefined;
  private retryAt = 0;
  private readonly ttlMs: number;
  private readonly serviceSession: UpstreamSession | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly zaptec: ZaptecApi,
    private readonly cache: CacheService,
    client: ZaptecClient,
  ) {
    // At least a minute even with CACHE_TTL_CONSTANTS_S=0: every domain read asks for them.
    this.ttlMs = Math.max(config.cache.ttlMs.constants, 60_000);
    const account = config.upstream.serviceAccount;
    this.serviceSession = account
      ? new CredentialSession(client, account.username, account.password)
      : undefined;
  }

  onModuleInit(): void {
    if (this.serviceSession) void this.current(this.serviceSession);
  }

  /** The current catalog; a stale one is refreshed with `session` (concurrent callers share it). */
  async current(session?: UpstreamSession): Promise<ConstantsCatalog> {
    const caller = this.serviceSession ?? session;
    if (!caller || Date.now() < this.retryAt) return this.catalog;
    try {
      const { entry } = await this.cache.read(
        CONSTANTS_KEY,
        { domain: 'constants', ttlMs: this.ttlMs },
        () => this.zaptec.constants(caller),
      );
      if (entry !== this.builtFrom) {
        this.catalog = new ConstantsCatalog(entry.value, 'upstream');
        this.builtFrom = entry;
        this.logger.log(`Loaded Zaptec constants ${this.catalog.version}`);
      }
    } catch (error) {
      // Stale-if-error: keep serving what we have (at worst the seed) and try again later.
      this.retryAt = Date.now() + RETRY_AFTER_FAILURE_MS;
      this.logger.warn(
        { err: error },
        'Could not load Zaptec constants; keeping the previous ones',
      );
    }
    return this.catalog;
  }
}
