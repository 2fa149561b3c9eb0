import type { ZaptecChargeHistoryItem } from '../../upstream/zaptec/types/wire';
import { fromZaptecTime } from '../../upstream/zaptec/zaptec-time';
import type { EnergyTick, SessionRecord } from './records';

/**
 * A charge history item (§5.6) as a session record of `installationId` (the installation the
 * page was asked for; items carry no InstallationId). Times are UTC without a zone upstream
 * (§1), EnergyDetails' with an offset; both become Dates/ISO here. Undefined for an item without
 * an id, a charger or a valid start, which could not be stored or found again.
 */
export function historySessionRecord(
  item: ZaptecChargeHistoryItem,
  installationId: string,
): SessionRecord | undefined {
  const startedAt = dateOf(item.StartDateTime);
  if (!item.Id || !item.ChargerId || !startedAt) return undefined;
  return {
    id: item.Id.toLowerCase(),
    chargerId: item.ChargerId.toLowerCase(),
    installationId,
    userId: item.UserId?.toLowerCase() ?? null,
    deviceId: item.DeviceId ?? '',
    startedAt,
    endedAt: dateOf(item.EndDateTime) ?? null,
    commitEndedAt: dateOf(item.CommitEndDateTime) ?? null,
    energyKwh: String(item.Energy ?? 0),
    commitMetadata: item.CommitMetadata ?? null,
    authenticationCode: null,
    tokenName: item.TokenName || null,
    externalId: item.ExternalId || null,
    signedSession: item.SignedSession || null,
    energyDetails: item.EnergyDetails ? energyTicks(item.EnergyDetails) : null,
    replacedBySessionId: item.ReplacedBySessionId?.toLowerCase() ?? null,
  };
}

/** EnergyDetails as our own ticks: ISO UTC times, kWh per 15-minute interval (§5.6). */
export function energyTicks(
  details: readonly { Timestamp: string; Energy: number }[],
): EnergyTick[] {
  const ticks: EnergyTick[] = [];
  for (const detail of details) {
    const timestamp = fromZaptecTime(detail.Timestamp);
    if (timestamp && Number.isFinite(detail.Energy)) {
      ticks.push({ timestamp, energyKwh: detail.Energy });
    }
  }
  return ticks;
}

function dateOf(value: string | undefined): Date | undefined {
  const iso = fromZaptecTime(value);
  return iso === undefined ? undefined : new Date(iso);
}
