import { type ArgumentMetadata } from '@nestjs/common';
import { IsNumber, IsOptional } from 'class-validator';
import type { ApiProblem } from './problem';
import { createValidationPipe } from './validation';
import { BodyRule, NotAbove } from './validation-rules';

@BodyRule(
  'body',
  (body) => Object.values(body).some((value) => value !== undefined),
  'send at least one of low, high',
)
class RangeDto {
  @IsOptional()
  @IsNumber()
  @NotAbove('high')
  low?: number;

  @IsOptional()
  @IsNumber()
  high?: number;
}

const body: ArgumentMetadata = { type: 'body', metatype: RangeDto };

async function errorsOf(value: object) {
  const error = (await createValidationPipe()
    .transform(value, body)
    .then(
      () => undefined,
      (caught: unknown) => caught,
    )) as ApiProblem | undefined;
  return error?.extensions.errors ?? [];
}

describe('cross-field validation rules', () => {
  it('refuses a value above another field, naming the field and the limit', async () => {
    expect(await errorsOf({ low: 5, high: 5 })).toEqual([]);
    expect(await errorsOf({ low: 6 })).toEqual([]);
    expect(await errorsOf({ low: 6, high: 5 })).toEqual([
      { field: 'low', messages: ['low must not be above high (5)'] },
    ]);
  });

  it('checks a rule on the whole body under its own field', async () => {
    expect(await errorsOf({})).toEqual([
      { field: 'body', messages: ['send at least one of low, high'] },
    ]);
  });

  it("still refuses a body that sends the rule's field, as the whitelist would", async () => {
    expect(await errorsOf({ low: 1, body: 'x' })).toEqual([
      { field: 'body', messages: ['property body should not exist'] },
    ]);
  });
});
