import { HttpStatus } from '@nestjs/common';
import { UserRoles } from '../../core/auth/user-roles';
import { ApiProblem } from '../../core/errors/problem';
import { UpstreamHttpError } from '../../upstream/zaptec/upstream-errors';
import type { ZaptecStateItem } from '../../upstream/zaptec/types/wire';
import { CommandIdempotency, MAX_KEYS_PER_USER } from './command-idempotency';
import { allowedCommands, refusalOf } from './command-policy';

const state = (values: Record<number, string>): ZaptecStateItem[] =>
  Object.entries(values).map(([id, value]) => ({
    ChargerId: 'c',
    StateId: Number(id),
    Timestamp: '2026-03-02T10:00:00',
    ValueAsString: value,
  }));

describe('command preconditions (zaptec-api.md §6)', () => {
  it.each([
    ['StopChargingFinal', { 710: '3', 718: '0' }, undefined],
    ['StopChargingFinal', { 710: '1', 718: '0' }, /Disconnected/],
    ['StopChargingFinal', { 710: '5', 718: '1' }, /already paused/],
    // Finished but not paused (the car is full): pausing is still allowed.
    ['StopChargingFinal', { 710: '5', 718: '0' }, undefined],
    ['ResumeCharging', { 710: '5', 718: '1' }, undefined],
    ['ResumeCharging', { 710: '3', 718: '0' }, /not paused/],
    ['StartCharging', { 710: '2', 718: '0' }, /not paused/],
    // 4.7.0 chargers may not report 718: upstream decides, as for any missing value.
    ['StartCharging', { 710: '2' }, undefined],
    ['ResumeCharging', { 710: '5', 718: '' }, undefined],
    // Zaptec refuses 507 while a schedule is active (§6, D4).
    ['ResumeCharging', { 710: '5', 718: '1', 763: '2026-03-02T18:00:00' }, /schedule is active/],
    ['StartCharging', { 710: '5', 763: '2026-03-02T18:00:00' }, /schedule is active/],
    ['ResumeCharging', { 710: '5', 718: '1', 763: '' }, undefined],
    ['DeauthorizeAndStop', { 710: '1' }, /Disconnected/],
    ['RestartCharger', { '-2': '0', 710: '3' }, /offline/],
    ['RestartCharger', { 710: '1' }, undefined],
  ] as const)('%s in %j: %s', (command, values, expected) => {
    const refusal = refusalOf(command, state(values));
    if (expected === undefined) expect(refusal).toBeUndefined();
    else expect(refusal?.reason).toMatch(expected);
  });

  it('lets upstream decide when the state says nothing', () => {
    expect(refusalOf('StopChargingFinal', [])).toBeUndefined();
    expect(refusalOf('ResumeCharging', [])).toBeUndefined();
  });

  it('reports what a refusal was based on, leaving out what the charger did not report', () => {
    expect(refusalOf('ResumeCharging', state({ 710: '5', 763: '2026-03-02T18:00:00' }))).toEqual({
      reason: expect.stringContaining('2026-03-02T18:00:00'),
      state: {
        chargerOperationMode: 5,
        finalStopActive: undefined,
        isOnline: true,
        nextScheduleEvent: '2026-03-02T18:00:00',
      },
    });
  });
});

describe('commands per role', () => {
  const known = ['StopChargingFinal', 'RestartCharger', 'ResetComErrors', 'Debug'];

  it('offers service commands to Maintainers and Administrators only, and never Debug', () => {
    expect(allowedCommands(UserRoles.Owner, known)).toEqual([
      'StopChargingFinal',
      'RestartCharger',
    ]);
    expect(allowedCommands(UserRoles.Maintainer, known)).toEqual([
      'StopChargingFinal',
      'RestartCharger',
      'ResetComErrors',
    ]);
  });
});

describe('Idempotency-Key store', () => {
  const deferred = () => {
    let resolve!: (value: string) => void;
    const promise = new Promise<string>((done) => (resolve = done));
    return { promise, resolve };
  };

  it('runs concurrent and later duplicates once, replaying the first outcome', async () => {
    const store = new CommandIdempotency();
    const gate = deferred();
    const work = jest.fn(() => gate.promise);
    const pending = [store.run('u', 'k', 'a', work), store.run('u', 'k', 'a', work)];
    gate.resolve('done');
    const results = await Promise.all([...pending, store.run('u', 'k', 'a', work)]);
    expect(work).toHaveBeenCalledTimes(1);
    expect(results.map((result) => [result.value, result.replayed])).toEqual([
      ['done', false],
      ['done', true],
      ['done', true],
    ]);
  });

  it('answers 422 to the same key for another request', async () => {
    const store = new CommandIdempotency();
    await store.run('u', 'k', 'a', () => Promise.resolve('done'));
    const error: unknown = await store
      .run('u', 'k', 'b', () => Promise.resolve('x'))
      .catch((e) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).getStatus()).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
  });

  it('replays a definite refusal but forgets an upstream failure, so a retry retries', async () => {
    const store = new CommandIdempotency();
    const refused = new ApiProblem(HttpStatus.CONFLICT, 'COMMAND_PRECONDITION_FAILED', 'no');
    const refusing = jest.fn(() => Promise.reject(refused));
    await expect(store.run('u', 'r', 'a', refusing)).rejects.toBe(refused);
    await expect(store.run('u', 'r', 'a', refusing)).rejects.toBe(refused);
    expect(refusing).toHaveBeenCalledTimes(1);

    const failing = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(new UpstreamHttpError(502, '<html>', undefined))
      .mockResolvedValueOnce('done');
    await expect(store.run('u', 'f', 'a', failing)).rejects.toBeInstanceOf(UpstreamHttpError);
    await expect(store.run('u', 'f', 'a', failing)).resolves.toEqual({
      value: 'done',
      replayed: false,
    });
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it('keeps each user to their own keys', async () => {
    const store = new CommandIdempotency();
    await store.run('alice', 'k', 'a', () => Promise.resolve('alice'));
    await expect(store.run('bob', 'k', 'b', () => Promise.resolve('bob'))).resolves.toEqual({
      value: 'bob',
      replayed: false,
    });
  });

  it("evicts a user's own oldest keys past the cap, never another user's", async () => {
    const store = new CommandIdempotency();
    const work = jest.fn(() => Promise.resolve('done'));
    await store.run('victim', 'k', 'a', work);
    // Far more keys than any shared cap would hold: only the flooder's own are pushed out.
    const flood = 60 * MAX_KEYS_PER_USER;
    for (let n = 0; n < flood; n++) await store.run('flooder', `key-${n}`, 'a', work);
    expect(await store.run('victim', 'k', 'a', work)).toEqual({ value: 'done', replayed: true });
    // The flooder's older keys were pushed out by their own newer ones: they run again.
    expect(await store.run('flooder', `key-${flood - MAX_KEYS_PER_USER - 1}`, 'a', work)).toEqual({
      value: 'done',
      replayed: false,
    });
    expect(await store.run('flooder', `key-${flood - 1}`, 'a', work)).toMatchObject({
      replayed: true,
    });
  });
});
