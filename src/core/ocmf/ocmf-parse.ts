/**
 * OCMF (Open Charge Metering Format, SAFE e.V.) as Zaptec chargers send it in SignedSession and
 * SignedMeterValue: `OCMF|<payload JSON>|<signature JSON>` (zaptec-api.md §5.5). Pure parsing:
 * no I/O, no trust; `verifyOcmf` checks the signature over the exact payload text.
 */

/** The text is not OCMF, or its payload or signature section is not the JSON OCMF describes. */
export class OcmfFormatError extends Error {}

export interface OcmfReading {
  /** The reading's time as ISO 8601 UTC, or null when TM is not OCMF's time format. */
  readonly at: string | null;
  /** TM verbatim, e.g. "2025-08-28T15:02:55,000+00:00 R" (comma before the milliseconds). */
  readonly time: string;
  /** TM's synchronisation state letter (R relative, S synchronised, I informative, U unknown). */
  readonly clockState: string | null;
  /** TX: B begin, C/T during, E/L/R/A/P end… (OCMF table 7); inherited from the reading before. */
  readonly transaction: string | null;
  /** RV, the register value; null for an event without a value. */
  readonly value: number | null;
  /** RI, an OBIS code such as 1-0:1.8.0 (import active energy). */
  readonly identifier: string | null;
  /** RU, e.g. kWh. */
  readonly unit: string | null;
  /** RT, AC or DC. */
  readonly currentType: string | null;
  /** ST, the meter status (G good). */
  readonly status: string | null;
  /** Decimal places RV was written with (the register's resolution). */
  readonly decimals: number;
}

export interface OcmfSignature {
  /** SA verbatim, null when absent. */
  readonly algorithm: string | null;
  /** SE: hex (the default) or base64; real Zaptec Pro MID chargers send base64. */
  readonly encoding: string;
  /** SM: application/x-der (the default). */
  readonly mimeType: string;
  /** SD verbatim. */
  readonly data: string;
}

export interface ParsedOcmf {
  /** The payload section exactly as sent: what the signature covers. */
  readonly payload: string;
  readonly formatVersion: string | null;
  /** GI, e.g. "ZAPTEC GO", "Zaptec Pro MID". */
  readonly gatewayId: string | null;
  /** GS: on Zaptec chargers the device id (ZAP…, ZPR…), the signing component's serial. */
  readonly gatewaySerial: string | null;
  readonly gatewayVersion: string | null;
  /** PG, T<n> for a transaction, F<n> for a fiscal reading. */
  readonly pagination: string | null;
  readonly meterVendor: string | null;
  readonly meterModel: string | null;
  readonly meterSerial: string | null;
  readonly meterFirmware: string | null;
  /** MS when present, else GS: what identifies the signing component (OCMF "serial numbers"). */
  readonly meterId: string | null;
  readonly readings: readonly OcmfReading[];
  /** Null when the text carries no signature section. */
  readonly signature: OcmfSignature | null;
}

const PREFIX = 'OCMF|';

type Json = Record<string, unknown>;

function objectOf(text: string, section: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new OcmfFormatError(`the ${section} section is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OcmfFormatError(`the ${section} section is not a JSON object`);
  }
  return value as Json;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Splits `OCMF|payload|signature`; the signature section is optional (§5.5, `[|<signature>]`). */
function sections(ocmf: string): { payload: string; signature: string | null } {
  if (!ocmf.startsWith(PREFIX)) throw new OcmfFormatError('the text does not start with "OCMF|"');
  const rest = ocmf.slice(PREFIX.length);
  // The signature is the last section; a "|" inside a payload string must not split it.
  const last = rest.lastIndexOf('|');
  if (last >= 0) {
    const payload = rest.slice(0, last);
    try {
      JSON.parse(payload);
      return { payload, signature: rest.slice(last + 1) };
    } catch {
      // Not a complete payload before the last "|": there is no signature section.
    }
  }
  return { payload: rest, signature: null };
}

// OCMF TM: <date>T<time>,<ms><zone> <state>; the spec writes the zone +0200, Zaptec +00:00.
const TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d),(\d{3})([+-]\d\d):?(\d\d)(?: ([A-Z]))?$/;

function timeOf(tm: string): { at: string | null; clockState: string | null } {
  const match = TIME.exec(tm.trim());
  if (!match) return { at: null, clockState: /\s([A-Z])$/.exec(tm)?.[1] ?? null };
  const [, local, ms, hours, minutes, state] = match;
  const at = new Date(`${local}.${ms}${hours}:${minutes}`);
  return { at: Number.isNaN(at.getTime()) ? null : at.toISOString(), clockState: state ?? null };
}

function decimalsOf(value: number): number {
  const [, fraction = ''] = String(value).split('.');
  return fraction.length;
}

/**
 * Readings omit fields equal to the reading before (OCMF "Readings"): real Zaptec sends RU only
 * in the first reading (a Pro MID fixture, zaptec-api.md §5.5), so TX, RI, RU, RT and ST carry on.
 */
function readingsOf(rd: unknown): OcmfReading[] {
  if (rd === undefined) return [];
  if (!Array.isArray(rd)) throw new OcmfFormatError('RD is not an array');
  const readings: OcmfReading[] = [];
  let previous: OcmfReading | undefined;
  for (const [index, item] of rd.entries()) {
    if (typeof item !== 'object' || item === null) {
      throw new OcmfFormatError(`RD[${index}] is not an object`);
    }
    const fields = item as Json;
    const time = text(fields.TM);
    if (time === null) throw new OcmfFormatError(`RD[${index}] has no TM`);
    const value = typeof fields.RV === 'number' ? fields.RV : null;
    const reading: OcmfReading = {
      ...timeOf(time),
      time,
      transaction: text(fields.TX) ?? previous?.transaction ?? null,
      value,
      identifier: text(fields.RI) ?? previous?.identifier ?? null,
      unit: text(fields.RU) ?? previous?.unit ?? null,
      currentType: text(fields.RT) ?? previous?.currentType ?? null,
      status: text(fields.ST) ?? previous?.status ?? null,
      decimals: value === null ? 0 : decimalsOf(value),
    };
    readings.push(reading);
    previous = reading;
  }
  return readings;
}

function signatureOf(section: string | null): OcmfSignature | null {
  if (section === null) return null;
  const fields = objectOf(section, 'signature');
  const data = text(fields.SD);
  if (data === null) throw new OcmfFormatError('the signature section has no SD');
  return {
    algorithm: text(fields.SA),
    encoding: text(fields.SE) ?? 'hex',
    mimeType: text(fields.SM) ?? 'application/x-der',
    data,
  };
}

/** Parses OCMF text; throws OcmfFormatError when it is not OCMF. */
export function parseOcmf(ocmf: string): ParsedOcmf {
  const { payload, signature } = sections(ocmf);
  const fields = objectOf(payload, 'payload');
  const gatewaySerial = text(fields.GS);
  const meterSerial = text(fields.MS);
  return {
    payload,
    formatVersion: text(fields.FV),
    gatewayId: text(fields.GI),
    gatewaySerial,
    gatewayVersion: text(fields.GV),
    pagination: text(fields.PG),
    meterVendor: text(fields.MV),
    meterModel: text(fields.MM),
    meterSerial,
    meterFirmware: text(fields.MF),
    meterId: meterSerial ?? gatewaySerial,
    readings: readingsOf(fields.RD),
    signature: signatureOf(signature),
  };
}
