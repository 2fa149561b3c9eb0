import { type ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { ApiProblem } from './problem';
import { createValidationPipe } from './validation';

class LimitsDto {
  @IsInt()
  @Min(0)
  @Max(32)
  maxCurrent!: number;
}

class ExampleDto {
  @IsEmail()
  username!: string;

  @ValidateNested()
  @Type(() => LimitsDto)
  limits!: LimitsDto;
}

const body: ArgumentMetadata = { type: 'body', metatype: ExampleDto };

describe('the validation pipe', () => {
  const pipe = createValidationPipe();

  it('passes a valid body through as an instance of its DTO', async () => {
    const value = await pipe.transform(
      { username: 'owner@demo.zaptec.local', limits: { maxCurrent: 16 } },
      body,
    );
    expect(value).toBeInstanceOf(ExampleDto);
  });

  it('rejects bad fields with a 400 VALIDATION_FAILED problem naming each field', async () => {
    const error: unknown = await pipe
      .transform({ username: 'not-an-email', limits: { maxCurrent: 99 } }, body)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiProblem);
    const problem = error as ApiProblem;
    expect(problem.getStatus()).toBe(400);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.extensions.errors).toEqual([
      { field: 'username', messages: ['username must be an email'] },
      { field: 'limits.maxCurrent', messages: ['maxCurrent must not be greater than 32'] },
    ]);
  });

  it('rejects unknown fields rather than silently dropping them', async () => {
    const error = (await pipe
      .transform({ username: 'a@b.se', limits: { maxCurrent: 1 }, admin: true }, body)
      .catch((caught: unknown) => caught)) as ApiProblem;
    expect(error.extensions.errors).toEqual([
      { field: 'admin', messages: ['property admin should not exist'] },
    ]);
  });
});
