import { BACKFILL_USAGE, parseBackfillArgs } from './backfill-args';

describe('parseBackfillArgs', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('takes a date as UTC midnight, a zoneless time as UTC, and --to defaulting to now', () => {
    expect(parseBackfillArgs(['--from', '2026-01-01'], now)).toEqual({
      from: new Date('2026-01-01T00:00:00Z'),
      to: now,
      installationId: undefined,
    });
    const args = parseBackfillArgs(
      [
        '--from',
        '2026-01-01T06:30',
        '--to',
        '2026-02-01T00:00:00+01:00',
        '--installation',
        'ABCDEF01-2345-6789-ABCD-EF0123456789',
      ],
      now,
    );
    expect(args.from.toISOString()).toBe('2026-01-01T06:30:00.000Z');
    expect(args.to.toISOString()).toBe('2026-01-31T23:00:00.000Z');
    expect(args.installationId).toBe('abcdef01-2345-6789-abcd-ef0123456789');
  });

  it.each([
    [[], '--from is required'],
    [['--from', 'nope'], '--from nope is not an ISO date or time'],
    [['--from', '2026-02-30'], 'not a valid date'],
    [['--from', '2026-02-01', '--to', '2026-02-01'], '--to must be later than --from'],
    [['--from', '2026-01-01', '--installation', 'office'], 'is not a UUID'],
    [['--from', '2026-01-01', '--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j with one line and the usage', (args, problem) => {
    expect(() => parseBackfillArgs(args, now)).toThrow(problem);
    expect(() => parseBackfillArgs(args, now)).toThrow(BACKFILL_USAGE);
  });
});
