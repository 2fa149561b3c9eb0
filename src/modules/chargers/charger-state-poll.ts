import { Inject, Injectable } from '@nestjs/common';
import { CacheService } from '../../cache/cache.service';
import { resourceKey } from '../../cache/http/cache-key';
import { type HttpBody, httpBodyOf } from '../../cache/http/http-entry';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Priority } from '../../upstream/zaptec/account-limiter';
import { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import type { UpstreamSession } from '../../upstream/zaptec/zaptec-client';
import { ConstantsService } from '../constants/constants.service';
import { CHARGER_STATE_ROUTE } from './charger-routes';
import { toChargerStateDto } from './charger-state.mapper';
import type { ChargerStateDto } from './dto/charger-state.dto';

/** One state item as polled: the observation id, its raw value and its last-change time (ISO). */
export interface PolledState {
  readonly stateId: number;
  readonly valueAsString: string | undefined;
  readonly timestamp: string | undefined;
}

export interface StatePoll {
  readonly items: readonly PolledState[];
  /** True when this poll called upstream; false when the response cache (or a user's call) served it. */
  readonly fetched: boolean;
  /** When the upstream answer was fetched (ms since epoch). */
  readonly fetchedAt: number;
}

/**
 * A charger's state for a background poller (ingestion), read through the response cache entry
 * that `GET /v1/chargers/{id}/state` answers from: a user's read within the TTL makes the poll
 * free, and a poll makes the next TTL of user reads free. The entry holds exactly the bytes the
 * route sends, so the load builds the same DTO the route does.
 */
@Injectable()
export class ChargerStatePoll {
  constructor(
    private readonly zaptec: ZaptecApi,
    private readonly constants: ConstantsService,
    private readonly cache: CacheService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async poll(
    session: UpstreamSession,
    charger: { readonly id: string; readonly deviceType: number },
  ): Promise<StatePoll> {
    const ttlMs = this.config.cache.ttlMs.state;
    const fetchedAt = Date.now();
    if (!this.config.cache.enabled || ttlMs === 0) {
      const dto = await this.load(session, charger);
      return { items: itemsOf(dto), fetched: true, fetchedAt };
    }
    let fetched = false;
    const { entry } = await this.cache.readFresh<HttpBody>(
      resourceKey(CHARGER_STATE_ROUTE, charger.id),
      { domain: 'state', ttlMs, resource: charger.id },
      async () => {
        fetched = true;
        return httpBodyOf(await this.load(session, charger));
      },
      (value) => value.body.length,
    );
    const dto = JSON.parse(entry.value.body.toString('utf8')) as ChargerStateDto;
    return { items: itemsOf(dto), fetched, fetchedAt: entry.fetchedAt };
  }

  private async load(
    session: UpstreamSession,
    charger: { readonly id: string; readonly deviceType: number },
  ): Promise<ChargerStateDto> {
    const [state, catalog] = await Promise.all([
      this.zaptec.chargerState(session, charger.id, Priority.background),
      this.constants.current(session),
    ]);
    return toChargerStateDto(charger.id, charger.deviceType, state, catalog);
  }
}

function itemsOf(dto: ChargerStateDto): PolledState[] {
  return dto.observations.map(({ stateId, valueAsString, timestamp }) => ({
    stateId,
    valueAsString,
    timestamp,
  }));
}
