import { Priority } from './account-limiter';
import type { OAuthToken } from './types/oauth-token';
import { UpstreamProtocolError } from './upstream-errors';
import { toZaptecTime } from './zaptec-time';
import type {
  ZaptecChargeHistoryItem,
  ZaptecChargeHistoryQuery,
  ZaptecCharger,
  ZaptecChargerListItem,
  ZaptecChargerUpdate,
  ZaptecCircuit,
  ZaptecConstants,
  ZaptecFirmware,
  ZaptecHierarchy,
  ZaptecInstallation,
  ZaptecInstallationUpdate,
  ZaptecPage,
  ZaptecStateItem,
} from './types/wire';
import type { UpstreamSession, ZaptecCall, ZaptecClient } from './zaptec-client';

/** Which charge sessions to read, in our terms (camelCase, Dates). */
export interface ChargeHistoryFilter {
  installationId?: string;
  chargerId?: string;
  /** Only this Zaptec user's sessions. */
  userId?: string;
  /** Sessions that started at or after this time. */
  from?: Date;
  /** Sessions that started before this time. */
  to?: Date;
  /** 0-based. */
  pageIndex: number;
  pageSize: number;
  /** Newest start first. */
  newestFirst?: boolean;
  /** Oldest start first, said explicitly: ingestion pages forward from its cursor. */
  oldestFirst?: boolean;
  /** `DetailLevel`: 0 summary, 1 adds the 15-minute `EnergyDetails` (§5.6). */
  detailLevel?: 0 | 1;
  /** Limiter priority; ingestion passes `Priority.background`. */
  priority?: number;
}

/** Zaptec's maximum page size (§3); lists are read whole, page by page. */
const PAGE_SIZE = 100;
/** A runaway `Pages` value must not turn one call into thousands. */
const MAX_PAGES = 50;

/**
 * Zaptec's documented endpoints (zaptec-api.md §4), typed: the one place that knows their paths.
 * Writes run at command priority so a user's click is not queued behind background reads.
 */
export class ZaptecApi {
  constructor(private readonly client: ZaptecClient) {}

  login(username: string, password: string): Promise<OAuthToken> {
    return this.client.login(username, password);
  }

  async constants(session: UpstreamSession): Promise<ZaptecConstants> {
    return this.required(session, { method: 'GET', path: '/api/constants' });
  }

  installations(
    session: UpstreamSession,
    priority: number = Priority.read,
  ): Promise<ZaptecInstallation[]> {
    return this.allPages(session, '/api/installation', priority);
  }

  installation(session: UpstreamSession, id: string): Promise<ZaptecInstallation> {
    return this.required(session, { method: 'GET', path: `/api/installation/${id}` });
  }

  /** Undefined when Zaptec answers 204 (User role since 2025-09, or still provisioning, §4). */
  hierarchy(session: UpstreamSession, id: string): Promise<ZaptecHierarchy | undefined> {
    return this.client.request(session, {
      method: 'GET',
      path: `/api/installation/${id}/hierarchy`,
    });
  }

  async updateInstallation(
    session: UpstreamSession,
    id: string,
    body: ZaptecInstallationUpdate,
  ): Promise<void> {
    await this.client.request(session, {
      method: 'POST',
      path: `/api/installation/${id}/update`,
      json: body,
      priority: Priority.command,
    });
  }

  circuit(session: UpstreamSession, id: string): Promise<ZaptecCircuit> {
    return this.required(session, { method: 'GET', path: `/api/circuits/${id}` });
  }

  chargers(
    session: UpstreamSession,
    priority: number = Priority.read,
  ): Promise<ZaptecChargerListItem[]> {
    return this.allPages(session, '/api/chargers', priority);
  }

  charger(session: UpstreamSession, id: string): Promise<ZaptecCharger> {
    return this.required(session, { method: 'GET', path: `/api/chargers/${id}` });
  }

  async chargerState(
    session: UpstreamSession,
    id: string,
    priority: number = Priority.read,
  ): Promise<ZaptecStateItem[]> {
    return (
      (await this.client.request<ZaptecStateItem[]>(session, {
        method: 'GET',
        path: `/api/chargers/${id}/state`,
        priority,
      })) ?? []
    );
  }

  /** Settings are written here, never through the internal `/settings` endpoint (§4, HA#176). */
  async updateCharger(
    session: UpstreamSession,
    id: string,
    body: ZaptecChargerUpdate,
  ): Promise<void> {
    await this.client.request(session, {
      method: 'POST',
      path: `/api/chargers/${id}/update`,
      json: body,
      priority: Priority.command,
    });
  }

  async sendCommand(session: UpstreamSession, id: string, commandId: number): Promise<void> {
    await this.client.request(session, {
      method: 'POST',
      path: `/api/chargers/${id}/sendCommand/${commandId}`,
      priority: Priority.command,
    });
  }

  /** Undocumented, but the only way to authorise a charge (§4); allowed by the fair-use rules. */
  async authorizeCharge(session: UpstreamSession, id: string): Promise<void> {
    await this.client.request(session, {
      method: 'POST',
      path: `/api/chargers/${id}/authorizecharge`,
      priority: Priority.command,
    });
  }

  async firmware(session: UpstreamSession, installationId: string): Promise<ZaptecFirmware[]> {
    return (
      (await this.client.request<ZaptecFirmware[]>(session, {
        method: 'GET',
        path: `/api/chargerFirmware/installation/${installationId}`,
      })) ?? []
    );
  }

  /** One page of charge sessions (§5.6); the filter's names and times are written as Zaptec's. */
  async chargeHistory(
    session: UpstreamSession,
    filter: ChargeHistoryFilter,
  ): Promise<ZaptecPage<ZaptecChargeHistoryItem>> {
    const query: ZaptecChargeHistoryQuery = {
      InstallationId: filter.installationId,
      ChargerId: filter.chargerId,
      UserId: filter.userId,
      From: filter.from && toZaptecTime(filter.from),
      To: filter.to && toZaptecTime(filter.to),
      DetailLevel: filter.detailLevel,
      PageIndex: filter.pageIndex,
      PageSize: filter.pageSize,
      // Zaptec's own order is undocumented; this one is what real clients send (§5.6).
      ...(filter.newestFirst ? { SortProperty: 'StartDateTime', SortDescending: true } : {}),
      ...(filter.oldestFirst ? { SortProperty: 'StartDateTime', SortDescending: false } : {}),
    };
    return this.required(session, {
      method: 'GET',
      path: '/api/chargehistory',
      query: { ...query },
      priority: filter.priority,
    });
  }

  private async required<T>(session: UpstreamSession, call: ZaptecCall): Promise<T> {
    const body = await this.client.request<T>(session, call);
    if (body === undefined) {
      throw new UpstreamProtocolError(`Zaptec answered ${call.path} with an empty body`);
    }
    return body;
  }

  private async allPages<T>(
    session: UpstreamSession,
    path: string,
    priority: number,
  ): Promise<T[]> {
    const items: T[] = [];
    for (let pageIndex = 0; pageIndex < MAX_PAGES; pageIndex++) {
      const page = await this.required<ZaptecPage<T>>(session, {
        method: 'GET',
        path,
        query: { PageIndex: pageIndex, PageSize: PAGE_SIZE },
        priority,
      });
      items.push(...page.Data);
      if (pageIndex + 1 >= page.Pages) break;
    }
    return items;
  }
}
