import { afterCommit, stateChanges } from './state-changes';

const CHARGER = '0b7ec8c4-0000-4000-8000-000000000001';
const fetchedAt = new Date('2026-03-01T12:00:00Z');
const item = (stateId: number, valueAsString: string | undefined, timestamp?: string) => ({
  stateId,
  valueAsString,
  timestamp,
});

describe('stateChanges', () => {
  it('stores the whole state on first sight (the baseline), stamped with upstream timestamps, without Pulse', () => {
    const { rows } = stateChanges(
      CHARGER,
      [
        item(-1, undefined, '2026-03-01T11:59:59.000Z'),
        item(710, '3', '2026-03-01T10:00:00.500Z'),
        item(513, '7360.000', '2026-03-01T11:59:00.000Z'),
        item(150, 'Wifi', '2026-01-01T00:00:00.000Z'),
        item(722, undefined, '2026-03-01T10:00:00.000Z'),
      ],
      new Map(),
      fetchedAt,
    );
    expect(rows).toEqual([
      {
        chargerId: CHARGER,
        stateId: 710,
        observedAt: new Date('2026-03-01T10:00:00.500Z'),
        rawValue: '3',
        numericValue: 3,
      },
      {
        chargerId: CHARGER,
        stateId: 513,
        observedAt: new Date('2026-03-01T11:59:00.000Z'),
        rawValue: '7360.000',
        numericValue: 7360,
      },
      {
        chargerId: CHARGER,
        stateId: 150,
        observedAt: new Date('2026-01-01T00:00:00.000Z'),
        rawValue: 'Wifi',
        numericValue: null,
      },
      {
        chargerId: CHARGER,
        stateId: 722,
        observedAt: new Date('2026-03-01T10:00:00.000Z'),
        rawValue: '',
        numericValue: null,
      },
    ]);
  });

  it('stores only the values that differ from the last stored ones', () => {
    const last = new Map([
      [710, '3'],
      [513, '7360.000'],
    ]);
    const { rows } = stateChanges(
      CHARGER,
      [
        item(710, '3', '2026-03-01T10:00:00.000Z'),
        item(513, '3680.000', '2026-03-01T12:00:00.000Z'),
      ],
      last,
      fetchedAt,
    );
    expect(rows.map((row) => [row.stateId, row.rawValue])).toEqual([[513, '3680.000']]);
    expect(afterCommit(last, rows)).toEqual(
      new Map([
        [710, '3'],
        [513, '3680.000'],
      ]),
    );
  });

  it('keeps an integer past 2^53 exact as raw text (804 warnings) and takes a missing timestamp as the fetch time', () => {
    const { rows } = stateChanges(
      CHARGER,
      [item(804, '36028797018963970', undefined)],
      new Map(),
      fetchedAt,
    );
    expect(rows[0]).toMatchObject({ rawValue: '36028797018963970', observedAt: fetchedAt });
  });

  it('hands on a changed, non-empty CompletedSession (723) and nothing when it is unchanged', () => {
    const value = '{"SessionId":"s-1"}';
    const changed = stateChanges(
      CHARGER,
      [item(723, value, '2026-03-01T11:00:00Z')],
      new Map(),
      fetchedAt,
    );
    expect(changed.completedSession).toBe(value);
    const same = stateChanges(
      CHARGER,
      [item(723, value, '2026-03-01T11:00:00Z')],
      new Map([[723, value]]),
      fetchedAt,
    );
    expect(same.completedSession).toBeUndefined();
    const empty = stateChanges(
      CHARGER,
      [item(723, '', '2026-03-01T11:00:00Z')],
      new Map(),
      fetchedAt,
    );
    expect(empty.completedSession).toBeUndefined();
  });
});
