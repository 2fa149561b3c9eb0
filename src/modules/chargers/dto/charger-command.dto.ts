import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

/**
 * The `Idempotency-Key` header: 1–200 printable ASCII characters, no comma. A header sent twice
 * reaches us comma-joined ("k1, k2"), and which key was meant cannot be told, so it is refused.
 * Checked by Fastify from the route's schema, before the access guard asks Zaptec for the
 * caller's roles: Nest's pipes, which validate the body, run only after the guard.
 */
export const IDEMPOTENCY_KEY_SCHEMA = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  pattern: '^[\\x20-\\x2B\\x2D-\\x7E]+$',
} as const;

/**
 * Examples that work on the first try for the constants the gateway's upstream serves: Zaptec
 * serves 6.x today, where pausing is StopChargingFinal; constants 4.7.0 only know StopCharging.
 * The first is what Swagger UI sends.
 */
export const COMMAND_EXAMPLES = {
  pause: {
    summary: 'Pause charging (constants 6.x, what Zaptec serves)',
    value: { command: 'StopChargingFinal' },
  },
  resume: {
    summary: 'Resume paused charging (constants 6.x)',
    value: { command: 'ResumeCharging' },
  },
  stop: { summary: 'Stop charging (constants 4.7.0)', value: { command: 'StopCharging' } },
  start: { summary: 'Start charging (constants 4.7.0)', value: { command: 'StartCharging' } },
} as const;

export class ChargerCommandDto {
  /**
   * The command's name in Zaptec's constants, e.g. `StopChargingFinal` (pause), `ResumeCharging`,
   * `DeauthorizeAndStop`, `RestartCharger`, `UpgradeFirmware`; Maintainers and Administrators
   * also service commands such as `ResetComErrors`. Its id is taken from the constants Zaptec
   * serves for the charger's device type; constants 4.7.0 have no `StopChargingFinal` /
   * `ResumeCharging` (use `StopCharging` / `StartCharging` there). An unknown name answers 400
   * with the names you may send.
   */
  @ApiProperty({ example: 'StopChargingFinal' })
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z][A-Za-z0-9_]*$/, { message: 'command must be a command name' })
  command!: string;
}

export class ChargerCommandResultDto {
  /** Zaptec's id of the command sent (from the constants, e.g. 506). */
  @ApiProperty({ type: 'integer', example: 506 })
  commandId!: number;

  @ApiProperty({ example: 'StopChargingFinal' })
  command!: string;

  @ApiProperty({ format: 'uuid', example: '3f2a1b0c-9d8e-5f7a-8b6c-5d4e3f2a1b0c' })
  chargerId!: string;

  /** When Zaptec accepted the command; a replayed `Idempotency-Key` returns the first time. */
  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' })
  acceptedAt!: string;
}

export class ChargeAuthorizationDto {
  @ApiProperty({ format: 'uuid', example: '3f2a1b0c-9d8e-5f7a-8b6c-5d4e3f2a1b0c' })
  chargerId!: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:00:00.000Z' })
  acceptedAt!: string;
}
