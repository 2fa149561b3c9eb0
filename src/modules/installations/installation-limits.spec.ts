import type { UpdateInstallationLimitsDto } from './dto/installation-limits.dto';
import {
  limitBoundErrors,
  limitFormErrors,
  phaseCurrents,
  validationProblem,
} from './installation-limits';

const fields = (limits: UpdateInstallationLimitsDto) =>
  limitFormErrors(limits).map((error) => error.field);

describe('installation limits', () => {
  it('accepts one available current for all phases, or all three phases', () => {
    expect(fields({ availableCurrent: 16 })).toEqual([]);
    expect(
      fields({ availableCurrentPhase1: 10, availableCurrentPhase2: 0, availableCurrentPhase3: 16 }),
    ).toEqual([]);
  });

  it('requires an available current, because Zaptec resets an omitted one to maxCurrent', () => {
    expect(fields({})).toEqual(['availableCurrent']);
    expect(fields({ threeToOnePhaseSwitchCurrent: 16 })).toEqual(['availableCurrent']);
  });

  it('refuses both forms at once', () => {
    expect(fields({ availableCurrent: 16, availableCurrentPhase2: 16 })).toEqual([
      'availableCurrent',
    ]);
  });

  it('names each phase missing from an incomplete set', () => {
    expect(fields({ availableCurrentPhase2: 16 })).toEqual([
      'availableCurrentPhase1',
      'availableCurrentPhase3',
    ]);
  });

  it('names every current above the main fuse, and allows exactly maxCurrent', () => {
    expect(limitBoundErrors({ availableCurrent: 32 }, 32)).toEqual([]);
    expect(
      limitBoundErrors(
        { availableCurrentPhase1: 33, availableCurrentPhase2: 32, availableCurrentPhase3: 40 },
        32,
      ).map((error) => error.field),
    ).toEqual(['availableCurrentPhase1', 'availableCurrentPhase3']);
  });

  it('spreads one available current over the three phases', () => {
    expect(phaseCurrents({ availableCurrent: 20 })).toEqual([20, 20, 20]);
    expect(
      phaseCurrents({
        availableCurrentPhase1: 1,
        availableCurrentPhase2: 2,
        availableCurrentPhase3: 3,
      }),
    ).toEqual([1, 2, 3]);
  });

  it('reports field errors as a 400 VALIDATION_FAILED problem', () => {
    const problem = validationProblem([{ field: 'to', messages: ['to must be later than from'] }]);
    expect(problem.getStatus()).toBe(400);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.extensions.errors).toEqual([
      { field: 'to', messages: ['to must be later than from'] },
    ]);
  });
});
