import { type ChargingSegment, energyOf } from './charge-session';
import { Obs } from './observations';
import { decimal3 } from './wire-format';

const VOLTAGE = 230;
const POWER_FACTOR = 0.98;
/** Below the 6 A of IEC 61851 a car does not charge at all. */
const MIN_CHARGE_CURRENT = 6;

/** What limits a charger's power: its 510 ChargerMaxCurrent and 520 MaxPhases settings. */
export interface ChargerLimits {
  isGo: boolean;
  maxCurrent: number;
  maxPhases: number;
}

/**
 * The power (W) a car draws: a Go charges on one phase at up to 32 A, a Pro's demo cars take
 * 16 A on up to three phases; the charger's own limits cap both.
 */
export function chargePower({ isGo, maxCurrent, maxPhases }: ChargerLimits): number {
  const phases = isGo ? 1 : Math.min(3, maxPhases);
  const carCurrent = isGo ? 32 : 16;
  const current = Math.min(maxCurrent, carCurrent);
  if (current < MIN_CHARGE_CURRENT) return 0;
  return Math.round(phases * VOLTAGE * current * POWER_FACTOR * 10) / 10;
}

/** The observations that show a power: 513 TotalChargePower, 507-509 currents, 708 current set. */
export function powerStates(powerW: number, isGo: boolean): [number, string][] {
  const phases = isGo ? 1 : 3;
  const current = powerW > 0 ? powerW / (phases * VOLTAGE * POWER_FACTOR) : 0;
  return [
    [Obs.TotalChargePower, decimal3(powerW)],
    [Obs.Current1, decimal3(current)],
    [Obs.Current2, decimal3(phases === 3 ? current : 0)],
    [Obs.Current3, decimal3(phases === 3 ? current : 0)],
    [Obs.ChargeCurrentSet, decimal3(powerW > 0 ? Math.round(current) : 0)],
  ];
}

/** kWh charged over a session's segments. */
export function sessionEnergyKwh(segments: ChargingSegment[]): number {
  return energyOf(segments);
}

/** How long the car charges at `powerW` until it has taken `remainingKwh` (ms). */
export function chargingTimeMs(remainingKwh: number, powerW: number): number {
  return Math.ceil((remainingKwh / (powerW / 1000)) * 3_600_000);
}

/** Signed meter values every 555 MeterValueInterval seconds (default 900 Pro / 3600 Go, §5.10). */
export function meterIntervalMs(configuredSeconds: number, isGo: boolean): number {
  const seconds =
    Number.isFinite(configuredSeconds) && configuredSeconds > 0
      ? configuredSeconds
      : isGo
        ? 3600
        : 900;
  return seconds * 1000;
}
