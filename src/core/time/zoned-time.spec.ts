import { isKnownTimeZone, isoInZone, offsetMinutes } from './zoned-time';

describe('zoned time', () => {
  it("says the zone's offset on either side of a DST change (Europe/Oslo, 2026-03-29 01:00Z)", () => {
    expect(offsetMinutes(new Date('2026-03-29T00:59:59Z'), 'Europe/Oslo')).toBe(60);
    expect(offsetMinutes(new Date('2026-03-29T01:00:00Z'), 'Europe/Oslo')).toBe(120);
    expect(isoInZone(new Date('2026-03-29T00:30:00Z'), 'Europe/Oslo')).toBe(
      '2026-03-29T01:30:00.000+01:00',
    );
    expect(isoInZone(new Date('2026-03-29T01:30:00Z'), 'Europe/Oslo')).toBe(
      '2026-03-29T03:30:00.000+02:00',
    );
  });

  it('writes UTC as +00:00 and negative offsets with their sign', () => {
    expect(isoInZone(new Date('2026-01-01T00:00:00Z'), 'UTC')).toBe(
      '2026-01-01T00:00:00.000+00:00',
    );
    expect(isoInZone(new Date('2026-01-01T12:00:00Z'), 'America/St_Johns')).toBe(
      '2026-01-01T08:30:00.000-03:30',
    );
  });

  it('knows real zones only', () => {
    expect(isKnownTimeZone('Europe/Oslo')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});
