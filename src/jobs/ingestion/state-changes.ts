import type { PolledState } from '../../modules/chargers/charger-state-poll';
import { StateIds } from '../../modules/chargers/charger-observations';
import type { ObservationRow } from './records';

/** Zaptec writes numbers as plain decimals (`"32.000"`, `"-70"`, §5.4). */
const DECIMAL = /^-?\d+(\.\d+)?$/;

export interface StateChanges {
  /** One row per observation whose raw value differs from the last one stored (or was never seen). */
  readonly rows: ObservationRow[];
  /** The CompletedSession (723) value when it is among the changes and not empty. */
  readonly completedSession: string | undefined;
}

/**
 * The observations of one poll worth storing: every value that differs from `last` (the last
 * stored raw value per observation id), stamped with upstream's own last-change Timestamp. The
 * first poll of a charger stores its whole state: the baseline. Pulse (−1) is left out: it is
 * refreshed every few seconds and never has a value (§5.4). A missing value is stored as ''.
 */
export function stateChanges(
  chargerId: string,
  items: readonly PolledState[],
  last: ReadonlyMap<number, string>,
  fetchedAt: Date,
): StateChanges {
  const rows: ObservationRow[] = [];
  let completedSession: string | undefined;
  for (const item of items) {
    if (item.stateId === StateIds.Pulse) continue;
    const rawValue = item.valueAsString ?? '';
    if (last.get(item.stateId) === rawValue) continue;
    // Zaptec gives every item its last-change time; one without any is taken as seen now.
    const observedAt = item.timestamp ? new Date(item.timestamp) : fetchedAt;
    rows.push({
      chargerId,
      stateId: item.stateId,
      observedAt: Number.isNaN(observedAt.getTime()) ? fetchedAt : observedAt,
      rawValue,
      numericValue: DECIMAL.test(rawValue) ? Number(rawValue) : null,
    });
    if (item.stateId === StateIds.CompletedSession && rawValue) completedSession = rawValue;
  }
  return { rows, completedSession };
}

/** The raw values a poll leaves as "last stored", once its rows have committed. */
export function afterCommit(
  last: ReadonlyMap<number, string>,
  rows: readonly ObservationRow[],
): Map<number, string> {
  const next = new Map(last);
  for (const row of rows) next.set(row.stateId, row.rawValue);
  return next;
}
