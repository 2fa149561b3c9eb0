import { Injectable } from '@nestjs/common';
import { Priority } from '../../upstream/zaptec/account-limiter';
import type { ZaptecChargerListItem, ZaptecInstallation } from '../../upstream/zaptec/types/wire';
import { ZaptecApi } from '../../upstream/zaptec/zaptec-api';
import type { UpstreamSession } from '../../upstream/zaptec/zaptec-client';
import type { ChargerRow, InstallationRow } from './records';
import type { UpstreamBudget } from './upstream-budget';

/** A charger ingestion polls, and the session (account) it is read with. */
export interface KnownCharger extends ChargerRow {
  readonly session: UpstreamSession;
}

/** An installation ingestion pages history of, and the session it is read with. */
export interface KnownInstallation extends InstallationRow {
  readonly session: UpstreamSession;
}

export interface Discovered {
  readonly installations: readonly KnownInstallation[];
  readonly chargers: readonly KnownCharger[];
}

/**
 * What each account sees: its installations (with TimeZoneIanaName) and chargers (with their
 * installation and circuit), two list reads per account (a page per 100, §3). An installation or
 * charger two accounts see is read with the first account only.
 */
@Injectable()
export class Discovery {
  constructor(private readonly zaptec: ZaptecApi) {}

  async discover(
    sessions: readonly UpstreamSession[],
    budget: UpstreamBudget,
    signal: AbortSignal,
  ): Promise<Discovered> {
    const installations = new Map<string, KnownInstallation>();
    const chargers = new Map<string, KnownCharger>();
    for (const session of sessions) {
      const listed = await budget.run(
        session.account,
        'history',
        () => this.zaptec.installations(session, Priority.background),
        signal,
      );
      const listedChargers = await budget.run(
        session.account,
        'history',
        () => this.zaptec.chargers(session, Priority.background),
        signal,
      );
      for (const item of listed) {
        const row = installationRow(item);
        if (!installations.has(row.id)) installations.set(row.id, { ...row, session });
      }
      for (const item of listedChargers) {
        const row = chargerRow(item);
        // A charger without an installation cannot be stored (the mirror's foreign key).
        if (row && !chargers.has(row.id)) chargers.set(row.id, { ...row, session });
      }
    }
    // A charger whose installation this account does not list still needs its mirror row.
    for (const charger of chargers.values()) {
      if (!installations.has(charger.installationId)) {
        installations.set(charger.installationId, {
          id: charger.installationId,
          name: '',
          timeZone: null,
          session: charger.session,
        });
      }
    }
    return { installations: [...installations.values()], chargers: [...chargers.values()] };
  }
}

/** Zaptec's GUIDs are lowercase; lowercased anyway, as everywhere ids come in. */
export function installationRow(item: ZaptecInstallation): InstallationRow {
  return {
    id: item.Id.toLowerCase(),
    name: item.Name ?? '',
    timeZone: item.TimeZoneIanaName ?? null,
  };
}

export function chargerRow(item: ZaptecChargerListItem): ChargerRow | undefined {
  if (!item.InstallationId) return undefined;
  return {
    id: item.Id.toLowerCase(),
    installationId: item.InstallationId.toLowerCase(),
    circuitId: item.CircuitId?.toLowerCase() ?? null,
    deviceId: item.DeviceId,
    name: item.Name ?? '',
    deviceType: item.DeviceType,
  };
}
