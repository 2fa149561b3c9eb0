import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'], enumName: 'HealthStatus', example: 'ok' })
  status!: 'ok' | 'error' | 'shutting_down';

  @ApiProperty({
    description: 'Checks that passed, by name.',
    type: 'object',
    additionalProperties: true,
    example: { database: { status: 'up' } },
  })
  info!: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, example: {} })
  error!: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { database: { status: 'up' } },
  })
  details!: Record<string, unknown>;
}
