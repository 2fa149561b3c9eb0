import { HttpStatus } from '@nestjs/common';
import { ApiProblem, type FieldErrorDto } from '../../core/errors/problem';
import type { UpdateInstallationLimitsDto } from './dto/installation-limits.dto';

const PHASES = [
  'availableCurrentPhase1',
  'availableCurrentPhase2',
  'availableCurrentPhase3',
] as const;

/**
 * The body must name the available current in exactly one form (zaptec-api.md §5.10). Zaptec
 * answers an incomplete set of phases with an error, and an omitted current by quietly reverting
 * it to MaxCurrent, which a caller changing only the phase switch current would not expect.
 */
export function limitFormErrors(limits: UpdateInstallationLimitsDto): FieldErrorDto[] {
  const phasesGiven = PHASES.filter((field) => limits[field] !== undefined);
  if (limits.availableCurrent !== undefined && phasesGiven.length > 0) {
    return [
      fieldError(
        'availableCurrent',
        'give either availableCurrent or availableCurrentPhase1-3, not both',
      ),
    ];
  }
  if (limits.availableCurrent === undefined && phasesGiven.length === 0) {
    return [
      fieldError(
        'availableCurrent',
        'availableCurrent or all of availableCurrentPhase1-3 is required (Zaptec resets an omitted available current to maxCurrent)',
      ),
    ];
  }
  if (phasesGiven.length > 0 && phasesGiven.length < PHASES.length) {
    return PHASES.filter((field) => limits[field] === undefined).map((field) =>
      fieldError(field, `${field} is required with the other phases (give all three)`),
    );
  }
  return [];
}

/** Every available current must fit the installation's main fuse. */
export function limitBoundErrors(
  limits: UpdateInstallationLimitsDto,
  maxCurrent: number,
): FieldErrorDto[] {
  return (['availableCurrent', ...PHASES] as const)
    .filter((field) => (limits[field] ?? 0) > maxCurrent)
    .map((field) =>
      fieldError(field, `${field} must not exceed the installation's maxCurrent (${maxCurrent} A)`),
    );
}

/** The available current per phase, from a body that passed `limitFormErrors`. */
export function phaseCurrents(limits: UpdateInstallationLimitsDto): [number, number, number] {
  const all = limits.availableCurrent;
  if (all !== undefined) return [all, all, all];
  return [
    limits.availableCurrentPhase1!,
    limits.availableCurrentPhase2!,
    limits.availableCurrentPhase3!,
  ];
}

/** The same 400 problem the validation pipe gives, for checks that span several fields. */
export function validationProblem(errors: FieldErrorDto[]): ApiProblem {
  return new ApiProblem(
    HttpStatus.BAD_REQUEST,
    'VALIDATION_FAILED',
    errors.flatMap((error) => error.messages).join('; '),
    { errors },
  );
}

function fieldError(field: string, message: string): FieldErrorDto {
  return { field, messages: [message] };
}
