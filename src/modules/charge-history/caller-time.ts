/** An explicit zone: `Z` or an offset such as `+01:00` / `+0100`. */
const HAS_ZONE = /(?:[zZ]|[+-]\d\d:?\d\d)$/;

/**
 * An ISO 8601 time from our caller. A time without a zone is UTC, as Zaptec's own times are
 * (so a caller may pass back what we showed them); a date alone is its midnight, UTC. Undefined
 * for a form JavaScript cannot read (ISO week or ordinal dates, which @IsISO8601 accepts).
 */
export function parseCallerTime(value: string): Date | undefined {
  const time = Date.parse(value.includes('T') && !HAS_ZONE.test(value) ? `${value}Z` : value);
  return Number.isNaN(time) ? undefined : new Date(time);
}
