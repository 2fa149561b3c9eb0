/** An explicit zone: `Z` or an offset such as `+01:00` / `+0100`. */
const HAS_ZONE = /(?:[zZ]|[+-]\d\d:?\d\d)$/;

/**
 * Zaptec's timestamps carry no zone and mean UTC (zaptec-api.md §1), e.g. `2022-12-05T13:10:10.837`;
 * ours are ISO 8601 with `Z`. Undefined for a missing or unreadable value.
 */
export function fromZaptecTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(HAS_ZONE.test(value) ? value : `${value}Z`);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * An ISO 8601 time from our caller as Zaptec expects it: UTC without a zone. A time without a
 * zone is read as UTC too, as Zaptec would; a date alone is its midnight, UTC. Undefined for a
 * form JavaScript cannot read (ISO week or ordinal dates).
 */
export function toZaptecTime(value: string): string | undefined {
  const time = Date.parse(value.includes('T') && !HAS_ZONE.test(value) ? `${value}Z` : value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().replace(/Z$/, '');
}
