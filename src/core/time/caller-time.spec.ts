import { parseCallerTime } from './caller-time';

describe('parseCallerTime', () => {
  it.each([
    ['2026-03-01T10:00:00+01:00', '2026-03-01T09:00:00.000Z'],
    ['2026-03-01T10:00:00Z', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01T10:00:00', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01', '2026-03-01T00:00:00.000Z'],
  ])('reads %s as %s', (value, expected) => {
    expect(parseCallerTime(value)?.toISOString()).toBe(expected);
  });

  it('gives up on forms JavaScript cannot read', () => {
    expect(parseCallerTime('2026-W10')).toBeUndefined();
  });
});
