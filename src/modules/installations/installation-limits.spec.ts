import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiProblem } from '../../core/errors/problem';
import { createValidationPipe } from '../../core/errors/validation';
import { UpdateInstallationLimitsDto } from './dto/installation-limits.dto';
import { limitBoundErrors, phaseCurrents } from './installation-limits';

/** The fields the validation pipe names for `body` (the guard validates the same way, early). */
async function rejected(body: object): Promise<string[]> {
  const error = (await createValidationPipe()
    .transform(body, { type: 'body', metatype: UpdateInstallationLimitsDto })
    .then(
      () => undefined,
      (caught: unknown) => caught,
    )) as ApiProblem | undefined;
  return (error?.extensions.errors ?? []).map((field) => field.field);
}

describe('installation limits', () => {
  it('accepts one available current for all phases, or all three phases', async () => {
    expect(await rejected({ availableCurrent: 16 })).toEqual([]);
    expect(
      await rejected({
        availableCurrentPhase1: 10,
        availableCurrentPhase2: 0,
        availableCurrentPhase3: 16,
      }),
    ).toEqual([]);
  });

  it('requires an available current, because Zaptec resets an omitted one to maxCurrent', async () => {
    expect(await rejected({})).toEqual(['availableCurrent']);
    expect(await rejected({ threeToOnePhaseSwitchCurrent: 16 })).toEqual(['availableCurrent']);
  });

  it('refuses both forms at once, naming availableCurrent only', async () => {
    expect(await rejected({ availableCurrent: 16, availableCurrentPhase2: 16 })).toEqual([
      'availableCurrent',
    ]);
  });

  it('names each phase missing from an incomplete set', async () => {
    expect(await rejected({ availableCurrentPhase2: 16 })).toEqual([
      'availableCurrentPhase1',
      'availableCurrentPhase3',
    ]);
  });

  it('bounds every current by 1000 A, and the available currents by a maxCurrent in the body', async () => {
    expect(await rejected({ availableCurrent: 1000, maxCurrent: 1000 })).toEqual([]);
    expect(await rejected({ availableCurrent: 1001 })).toEqual(['availableCurrent']);
    expect(await rejected({ availableCurrent: 10, maxCurrent: 6300 })).toEqual(['maxCurrent']);
    expect(await rejected({ availableCurrent: 40, maxCurrent: 32 })).toEqual(['availableCurrent']);
    expect(
      await rejected({
        maxCurrent: 32,
        availableCurrentPhase1: 32,
        availableCurrentPhase2: 33,
        availableCurrentPhase3: 16,
      }),
    ).toEqual(['availableCurrentPhase2']);
  });

  it('refuses null, which Zaptec would ignore as if the call had worked', async () => {
    expect(await rejected({ availableCurrent: null })).toEqual(['availableCurrent']);
    expect(await rejected({ availableCurrent: 10, maxCurrent: null })).toEqual(['maxCurrent']);
  });

  it("names every current above the installation's main fuse, and allows exactly maxCurrent", () => {
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
});

describe('the limits rules and the DTO that applies them', () => {
  it('do not import each other: the rules import nothing from dto/', () => {
    // An import cycle (issue 9 item 28) leaves one side undefined while the other loads.
    const source = readFileSync(join(__dirname, 'installation-limits.ts'), 'utf8');
    expect(source).not.toMatch(/from '\.\/dto\//);
  });
});
