import type { PolledState } from '../../modules/chargers/charger-state-poll';
import { OperationModes, StateIds } from '../../modules/chargers/charger-observations';

/** An idle charger (no car, no session) is polled this many times less often than an active one. */
export const IDLE_FACTOR = 4;

export interface PlannedCharger {
  readonly id: string;
  /** When its state was last polled (ms since epoch); undefined: never, so due at once. */
  readonly lastPolledAt: number | undefined;
  /** A car is connected or a session is open: its values change by the second. */
  readonly active: boolean;
}

/** Charging or asking to, or a session open (721 not empty): worth every interval. */
export function isActive(items: readonly PolledState[]): boolean {
  const value = (id: number) => items.find((item) => item.stateId === id)?.valueAsString;
  const mode = Number(value(StateIds.ChargerOperationMode));
  return (
    mode === OperationModes.Connected_Requesting ||
    mode === OperationModes.Connected_Charging ||
    Boolean(value(StateIds.SessionIdentifier))
  );
}

/** When a charger is next due: never polled at once, active after one interval, idle after four. */
export function dueAt(charger: PlannedCharger, intervalMs: number): number {
  if (charger.lastPolledAt === undefined) return 0;
  return charger.lastPolledAt + (charger.active ? intervalMs : IDLE_FACTOR * intervalMs);
}

/**
 * The charger to poll now: the most overdue of those due. When demand exceeds the budget every
 * charger slips by the same amount, as a queue ordered by due time does; none starves.
 */
export function nextDue(
  chargers: Iterable<PlannedCharger>,
  now: number,
  intervalMs: number,
): PlannedCharger | undefined {
  let best: PlannedCharger | undefined;
  let bestDue = Infinity;
  for (const charger of chargers) {
    const due = dueAt(charger, intervalMs);
    if (due <= now && due < bestDue) {
      best = charger;
      bestDue = due;
    }
  }
  return best;
}

/** Polls per second the plan asks for: A active chargers every interval, the rest every 4. */
export function demandPerSecond(active: number, idle: number, intervalMs: number): number {
  return (active + idle / IDLE_FACTOR) / (intervalMs / 1000);
}

/**
 * How often an active charger is polled in fact (seconds): the interval, stretched by
 * demand / budget when the budget is short (e.g. 150 active at 15 s on 5/s: every 30 s).
 */
export function effectivePeriodSeconds(
  active: number,
  idle: number,
  intervalMs: number,
  maxPerSecond: number,
): number {
  const stretch = Math.max(1, demandPerSecond(active, idle, intervalMs) / maxPerSecond);
  return (intervalMs / 1000) * stretch;
}
