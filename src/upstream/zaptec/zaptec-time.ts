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

/** A time as Zaptec expects it in a query: UTC without a zone (§1), e.g. `2026-03-01T09:00:00.000`. */
export function toZaptecTime(time: Date): string {
  return time.toISOString().replace(/Z$/, '');
}
