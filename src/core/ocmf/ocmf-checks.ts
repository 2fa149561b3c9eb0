import type { OcmfReading, ParsedOcmf } from './ocmf-parse';

/** One consistency check of the OCMF against the session it belongs to. */
export interface OcmfCheck {
  readonly name: OcmfCheckName;
  readonly ok: boolean;
  readonly detail: string;
}

export type OcmfCheckName =
  | 'has-readings'
  | 'energy-matches-register'
  | 'times-monotonic'
  | 'register-monotonic'
  | 'begins-at-session-start';

export interface SessionFacts {
  readonly energyKwh: number;
  readonly startedAt: Date;
}

/**
 * How far the first reading may lie from the session's start. Zaptec writes TM with the
 * milliseconds zeroed while StartDateTime keeps them (zaptec-api.md §5.5: 15:02:55,000 against
 * 15:02:55.188048Z), and the reading is taken as the charge begins; a minute allows both.
 */
const START_TOLERANCE_MS = 60_000;

// End readings (OCMF table 7): E, or the more precise L, R, A, P.
const END_KINDS = new Set(['E', 'L', 'R', 'A', 'P']);

const kwhOf = (reading: OcmfReading): number | null => {
  if (reading.value === null) return null;
  if (reading.unit === 'Wh') return reading.value / 1000;
  return reading.unit === 'kWh' || reading.unit === null ? reading.value : null;
};

const round = (value: number, decimals: number): string => value.toFixed(decimals);

/**
 * The register's resolution: the finest decimals its readings were written with, at least
 * 0.01 kWh (OCMF recommends two decimals for kWh; Zaptec writes three: 1.351).
 */
function resolutionKwh(readings: readonly OcmfReading[]): number {
  const decimals = Math.max(2, ...readings.map((reading) => reading.decimals));
  return 10 ** -Math.min(decimals, 6);
}

function energyCheck(registers: OcmfReading[], session: SessionFacts): OcmfCheck {
  const first = registers[0];
  const last = registers.at(-1) ?? first;
  const begin = kwhOf(first);
  const end = kwhOf(last);
  if (begin === null || end === null) {
    return {
      name: 'energy-matches-register',
      ok: false,
      detail: 'the readings carry no energy register in kWh or Wh',
    };
  }
  // Session energy is the register difference rounded to the register's resolution (both sides
  // rounded once), plus the stored value's own rounding to 0.001 kWh.
  const tolerance = Math.max(resolutionKwh(registers), 0.001) + 1e-9;
  const delta = end - begin;
  const ok = Math.abs(delta - session.energyKwh) <= tolerance;
  const lastKind = last.transaction ?? '?';
  return {
    name: 'energy-matches-register',
    ok,
    detail: `${lastKind} ${round(end, 3)} − B ${round(begin, 3)} = ${round(delta, 3)} kWh; session ${round(session.energyKwh, 4)} kWh (±${round(tolerance, 3)})`,
  };
}

function timesCheck(readings: readonly OcmfReading[]): OcmfCheck {
  const unreadable = readings.findIndex((reading) => reading.at === null);
  if (unreadable >= 0) {
    return {
      name: 'times-monotonic',
      ok: false,
      detail: `RD[${unreadable}].TM is not OCMF time: ${readings[unreadable].time}`,
    };
  }
  const back = readings.findIndex((reading, at) => at > 0 && reading.at! < readings[at - 1].at!);
  return {
    name: 'times-monotonic',
    ok: back < 0,
    detail:
      back < 0
        ? `${readings.length} reading times never go back`
        : `RD[${back}] at ${readings[back].at} is before RD[${back - 1}] at ${readings[back - 1].at}`,
  };
}

function registerCheck(registers: readonly OcmfReading[]): OcmfCheck {
  const back = registers.findIndex(
    (reading, at) => at > 0 && (kwhOf(reading) ?? 0) < (kwhOf(registers[at - 1]) ?? 0),
  );
  return {
    name: 'register-monotonic',
    ok: back < 0,
    detail:
      back < 0
        ? 'the energy register never decreases'
        : `the register falls from ${registers[back - 1].value} to ${registers[back].value}`,
  };
}

function startCheck(first: OcmfReading, session: SessionFacts): OcmfCheck {
  const gapMs = first.at === null ? NaN : Date.parse(first.at) - session.startedAt.getTime();
  const ok = Math.abs(gapMs) <= START_TOLERANCE_MS;
  return {
    name: 'begins-at-session-start',
    ok,
    detail: `first reading ${first.transaction ?? '?'} at ${first.at ?? first.time}, session start ${session.startedAt.toISOString()} (±${START_TOLERANCE_MS / 1000} s)`,
  };
}

/** Does the OCMF tell the same story as the session row: energy, times, start? */
export function checkOcmf(parsed: ParsedOcmf, session: SessionFacts): OcmfCheck[] {
  const readings = parsed.readings;
  if (readings.length === 0) {
    return [{ name: 'has-readings', ok: false, detail: 'the OCMF carries no readings (RD)' }];
  }
  // Readings that hold a register value; events without RV only mark an error (OCMF table 7).
  const registers = readings.filter((reading) => reading.value !== null);
  const ended = readings.at(-1)?.transaction;
  return [
    {
      name: 'has-readings',
      ok: registers.length >= 2,
      detail: `${readings.length} readings, ${registers.length} with a register value${ended && END_KINDS.has(ended) ? ', the last an end reading' : ''}`,
    },
    registers.length > 0
      ? energyCheck(registers, session)
      : { name: 'energy-matches-register', ok: false, detail: 'no reading has a register value' },
    timesCheck(readings),
    registerCheck(registers),
    startCheck(readings[0], session),
  ];
}
