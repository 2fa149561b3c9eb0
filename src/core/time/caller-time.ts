import { isISO8601 } from 'class-validator';

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

/**
 * What is wrong with a `from`/`to` query time, if anything (every route with a time range uses
 * it): a form JavaScript cannot read (ISO week or ordinal dates pass @IsISO8601), or, with
 * `after`, a time not later than that field's. Not ISO 8601 at all: @IsISO8601 reports that.
 */
export function callerTimeProblem(
  { value, property, object }: { value: unknown; property: string; object: object },
  after?: 'from',
): string | undefined {
  if (typeof value !== 'string' || !isISO8601(value, { strict: true })) return undefined;
  const time = parseCallerTime(value);
  if (time === undefined) return `${property} must be a date-time such as 2026-03-01T00:00:00Z`;
  const other = after && (object as Record<string, unknown>)[after];
  const earliest = typeof other === 'string' ? parseCallerTime(other) : undefined;
  return earliest !== undefined && time <= earliest
    ? `${property} must be later than ${after}`
    : undefined;
}
