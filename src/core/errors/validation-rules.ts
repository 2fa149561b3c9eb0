import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

/**
 * Cross-field rules as class-validator constraints, so the validation pipe (and the access
 * guard's early validation, before the caller's roles are read from upstream) refuses a
 * contradictory body with the same 400 as any other bad field.
 */

/** The number must not exceed the number in `otherField`, when the body gives both. */
export function NotAbove(otherField: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notAbove',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [otherField],
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const limit = fieldOf(args, otherField);
          return typeof value !== 'number' || typeof limit !== 'number' || value <= limit;
        },
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must not be above ${otherField} (${String(fieldOf(args, otherField))})`,
      },
    });
}

/**
 * A rule on the body as a whole, reported under `field`. class-validator validates properties
 * only, so the rule sits on a property of that name; a body that sends such a property is
 * refused as the whitelist would refuse it.
 */
export function BodyRule(
  field: string,
  isValid: (body: Readonly<Record<string, unknown>>) => boolean,
  message: string,
): ClassDecorator {
  return (target) =>
    registerDecorator({
      name: 'bodyRule',
      target,
      propertyName: field,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          value === undefined && isValid(args.object as Record<string, unknown>),
        defaultMessage: (args: ValidationArguments) =>
          args.value === undefined ? message : `property ${field} should not exist`,
      },
    });
}

function fieldOf(args: ValidationArguments, field: string): unknown {
  return (args.object as Record<string, unknown>)[field];
}
