import { HttpStatus } from '@nestjs/common';
import { UserRoles } from '../../core/auth/user-roles';
import { ApiProblem } from '../../core/errors/problem';
import { UpstreamHttpError } from '../../upstream/zaptec/upstream-errors';
import type { ZaptecStateItem } from '../../upstream/zaptec/types/wire';
import { CommandIdempotency } from './command-idempotency';
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
    ['StartCharging', { 710: '2' }, /not paused/],
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
    const pending = [store.run('k', 'a', work), store.run('k', 'a', work)];
    gate.resolve('done');
    const results = await Promise.all([...pending, store.run('k', 'a', work)]);
    expect(work).toHaveBeenCalledTimes(1);
    expect(results.map((result) => [result.value, result.replayed])).toEqual([
      ['done', false],
      ['done', true],
      ['done', true],
    ]);
  });

  it('answers 422 to the same key for another request', async () => {
    const store = new CommandIdempotency();
    await store.run('k', 'a', () => Promise.resolve('done'));
    const error: unknown = await store.run('k', 'b', () => Promise.resolve('x')).catch((e) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).getStatus()).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
  });

  it('replays a definite refusal but forgets an upstream failure, so a retry retries', async () => {
    const store = new CommandIdempotency();
    const refused = new ApiProblem(HttpStatus.CONFLICT, 'COMMAND_PRECONDITION_FAILED', 'no');
    const refusing = jest.fn(() => Promise.reject(refused));
    await expect(store.run('r', 'a', refusing)).rejects.toBe(refused);
    await expect(store.run('r', 'a', refusing)).rejects.toBe(refused);
    expect(refusing).toHaveBeenCalledTimes(1);

    const failing = jest
      .fn<Promise<string>, []>()
      .mockRejectedValueOnce(new UpstreamHttpError(502, '<html>', undefined))
      .mockResolvedValueOnce('done');
    await expect(store.run('f', 'a', failing)).rejects.toBeInstanceOf(UpstreamHttpError);
    await expect(store.run('f', 'a', failing)).resolves.toEqual({ value: 'done', replayed: false });
    expect(failing).toHaveBeenCalledTimes(2);
  });
});
