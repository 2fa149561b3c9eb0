/**
 * Zaptec's JSON conventions (zaptec-api.md §1): timestamps in UTC without a zone suffix and with
 * 0-3 fraction digits ("2022-12-05T13:10:10.837", "2022-09-28T13:43:03"); null fields omitted.
 */
export function zaptecTime(date: Date): string {
  return date.toISOString().replace(/\.?0*Z$/, '');
}

/** Inside CompletedSession JSON: "2022-09-28T13:47:39.217128Z" (microseconds, with Z). */
export function sessionTime(date: Date): string {
  return date.toISOString().replace('Z', '000Z');
}

/** EnergyDetails timestamps: "2025-06-07T09:30:01.007+00:00". */
export function offsetTime(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

/** Numbers in state values carry three decimals: "0.000", "32.000". */
export function decimal3(value: number): string {
  return value.toFixed(3);
}

/** JSON with null and undefined properties left out, as the real API does. */
export function toWireJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (item === null ? undefined : item));
}
