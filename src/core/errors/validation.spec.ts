import { type ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { ApiProblem } from './problem';
import { createValidationPipe, validationProblem } from './validation';

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

  it('lets a DTO without fields (a list without query parameters) refuse unknown ones only', async () => {
    class NoParametersDto {}
    const query: ArgumentMetadata = { type: 'query', metatype: NoParametersDto };
    await expect(pipe.transform({}, query)).resolves.toBeInstanceOf(NoParametersDto);
    const error = (await pipe
      .transform({ page: '2' }, query)
      .catch((caught: unknown) => caught)) as ApiProblem;
    expect(error.extensions.errors).toEqual([
      { field: 'page', messages: ['property page should not exist'] },
    ]);
  });
});

describe('validationProblem', () => {
  it("gives the pipe's 400 for checks outside it, one field or several", () => {
    const one = validationProblem('to', 'to must be later than from');
    expect([one.getStatus(), one.code, one.message]).toEqual([
      400,
      'VALIDATION_FAILED',
      'to must be later than from',
    ]);
    expect(one.extensions.errors).toEqual([
      { field: 'to', messages: ['to must be later than from'] },
    ]);
    const two = validationProblem([
      { field: 'a', messages: ['a is wrong'] },
      { field: 'b', messages: ['b is wrong', 'b is odd'] },
    ]);
    expect(two.message).toBe('a is wrong; b is wrong, b is odd');
  });
});
