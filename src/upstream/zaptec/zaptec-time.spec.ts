import { fromZaptecTime, toZaptecTime } from './zaptec-time';

describe('Zaptec times', () => {
  it('reads a zone-less Zaptec time as UTC', () => {
    expect(fromZaptecTime('2022-12-05T13:10:10.837')).toBe('2022-12-05T13:10:10.837Z');
    expect(fromZaptecTime('2022-09-28T13:43:03')).toBe('2022-09-28T13:43:03.000Z');
  });

  it('keeps an explicit zone and skips what is missing or unreadable', () => {
    expect(fromZaptecTime('2025-06-07T09:30:01.007+02:00')).toBe('2025-06-07T07:30:01.007Z');
    expect(fromZaptecTime(undefined)).toBeUndefined();
    expect(fromZaptecTime('not a time')).toBeUndefined();
  });

  it('sends times to Zaptec as UTC without a zone', () => {
    expect(toZaptecTime(new Date('2026-03-01T10:00:00+01:00'))).toBe('2026-03-01T09:00:00.000');
    expect(toZaptecTime(new Date('2026-03-01T10:00:00.250Z'))).toBe('2026-03-01T10:00:00.250');
  });
});
