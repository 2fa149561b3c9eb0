import { registerDecorator, type ValidationArguments } from 'class-validator';
import type { FieldErrorDto } from '../../core/errors/problem';

type AvailableCurrentField =
  | 'availableCurrent'
  | 'availableCurrentPhase1'
  | 'availableCurrentPhase2'
  | 'availableCurrentPhase3';

/**
 * The available currents of a limits body, as the DTO has them. Typed here rather than imported,
 * so the rules and the DTO that applies them do not import each other.
 */
export type AvailableCurrents = Partial<Record<AvailableCurrentField, number>>;

const PHASES = [
  'availableCurrentPhase1',
  'availableCurrentPhase2',
  'availableCurrentPhase3',
] as const;

/**
 * The body must name the available current in exactly one form (zaptec-api.md §5.10). Zaptec
 * answers an incomplete set of phases with an error, and an omitted current by quietly reverting
 * it to MaxCurrent, which a caller changing only the phase switch current would not expect.
 * Checked on each of the four fields, present or not, so the error names the one to fix.
 */
export function AvailableCurrentForm(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'availableCurrentForm',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (_value: unknown, args: ValidationArguments) => formErrorOf(args) === undefined,
        defaultMessage: (args: ValidationArguments) => formErrorOf(args) ?? '',
      },
    });
}

function formErrorOf(args: ValidationArguments): string | undefined {
  const limits = args.object as Partial<Record<AvailableCurrentField, unknown>>;
  const field = args.property as AvailableCurrentField;
  const given = (name: AvailableCurrentField) => limits[name] !== undefined;
  const phasesGiven = PHASES.filter(given).length;
  if (field === 'availableCurrent') {
    if (given(field) && phasesGiven > 0) {
      return 'give either availableCurrent or availableCurrentPhase1-3, not both';
    }
    if (!given(field) && phasesGiven === 0) {
      return 'availableCurrent or all of availableCurrentPhase1-3 is required (Zaptec resets an omitted available current to maxCurrent)';
    }
    return undefined;
  }
  // With availableCurrent given, that field already names the mix-up.
  if (!given(field) && phasesGiven > 0 && !given('availableCurrent')) {
    return `${field} is required with the other phases (give all three)`;
  }
  return undefined;
}

/**
 * Every available current must fit the installation's main fuse. The DTO checks them against a
 * `maxCurrent` in the body; this is for the one Zaptec holds, known only after asking it.
 */
export function limitBoundErrors(limits: AvailableCurrents, maxCurrent: number): FieldErrorDto[] {
  return (['availableCurrent', ...PHASES] as const)
    .filter((field) => (limits[field] ?? 0) > maxCurrent)
    .map((field) => ({
      field,
      messages: [`${field} must not exceed the installation's maxCurrent (${maxCurrent} A)`],
    }));
}

/** The available current per phase, from a body the DTO accepted. */
export function phaseCurrents(limits: AvailableCurrents): [number, number, number] {
  const all = limits.availableCurrent;
  if (all !== undefined) return [all, all, all];
  return [
    limits.availableCurrentPhase1!,
    limits.availableCurrentPhase2!,
    limits.availableCurrentPhase3!,
  ];
}
