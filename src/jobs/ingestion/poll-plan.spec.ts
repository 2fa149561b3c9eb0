import { dueAt, effectivePeriodSeconds, isActive, nextDue } from './poll-plan';

const state = (mode: string, session = '') => [
  { stateId: 710, valueAsString: mode, timestamp: undefined },
  { stateId: 721, valueAsString: session, timestamp: undefined },
];

describe('the poll plan', () => {
  it('counts a charger as active while a car asks for or takes power, or a session is open', () => {
    expect(isActive(state('1'))).toBe(false);
    expect(isActive(state('2'))).toBe(true);
    expect(isActive(state('3'))).toBe(true);
    expect(isActive(state('5'))).toBe(false);
    expect(isActive(state('5', 'b1e5a5f0-0000-4000-8000-000000000000'))).toBe(true);
    expect(isActive([])).toBe(false);
  });

  it('polls a new charger at once, an active one every interval, an idle one every four', () => {
    expect(dueAt({ id: 'a', lastPolledAt: undefined, active: false }, 15_000)).toBe(0);
    expect(dueAt({ id: 'a', lastPolledAt: 1_000, active: true }, 15_000)).toBe(16_000);
    expect(dueAt({ id: 'a', lastPolledAt: 1_000, active: false }, 15_000)).toBe(61_000);
  });

  it('picks the most overdue of the chargers due, and none when none is due', () => {
    const chargers = [
      { id: 'idle', lastPolledAt: 0, active: false }, // due at 60 s
      { id: 'late', lastPolledAt: 10_000, active: true }, // due at 25 s
      { id: 'later', lastPolledAt: 20_000, active: true }, // due at 35 s
    ];
    expect(nextDue(chargers, 24_000, 15_000)).toBeUndefined();
    expect(nextDue(chargers, 40_000, 15_000)?.id).toBe('late');
    expect(nextDue(chargers, 70_000, 15_000)?.id).toBe('late');
  });

  it('shows the arithmetic of 150 chargers at 15 s on 5 req/s (plan §5)', () => {
    // 45 active + 105 idle: 3 + 1.75 = 4.75/s, within 5: every 15 s.
    expect(effectivePeriodSeconds(45, 105, 15_000, 5)).toBe(15);
    // 60 active: 4 + 1.5 = 5.5/s, 10 % over: every 16.5 s.
    expect(effectivePeriodSeconds(60, 90, 15_000, 5)).toBeCloseTo(16.5);
    // All 150 active: 10/s asked, 5 served: every 30 s.
    expect(effectivePeriodSeconds(150, 0, 15_000, 5)).toBe(30);
  });
});
