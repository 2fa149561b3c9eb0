import { ApiProperty } from '@nestjs/swagger';
import { ACTOR_TYPES } from './audit-query.dto';

const OUTCOMES = ['SUCCEEDED', 'REJECTED', 'FAILED'] as const;

export class AuditEventDto {
  /** The event's number, increasing in the order events were written. */
  @ApiProperty({ example: '42' })
  id!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-03T09:15:02.311Z' })
  occurredAt!: string;

  /** Who acted: a signed-in Zaptec user, a partner's API key, or the gateway itself. */
  @ApiProperty({ enum: ACTOR_TYPES, enumName: 'AuditActorType', example: 'USER' })
  actorType!: (typeof ACTOR_TYPES)[number];

  /** The Zaptec user id (USER), the key's id (API_KEY) or the job's name (SYSTEM). */
  @ApiProperty({ example: '2515f850-50af-5413-8466-7e77602b2c93' })
  actorId!: string;

  @ApiProperty({ example: 'charger.command' })
  action!: string;

  @ApiProperty({ example: 'charger' })
  targetType!: string;

  @ApiProperty({ example: '53dec9bd-d8e2-51f0-a8fb-20f944812323' })
  targetId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  installationId!: string | null;

  /** SUCCEEDED; REJECTED (a 4xx: refused by the gateway or Zaptec); FAILED (Zaptec broke). */
  @ApiProperty({ enum: OUTCOMES, enumName: 'AuditOutcome', example: 'SUCCEEDED' })
  outcome!: (typeof OUTCOMES)[number];

  /** What was asked (command, settings, limits), never a secret; the error when it failed. */
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: { command: 'StopChargingFinal' },
  })
  details!: unknown;

  /** The X-Request-Id of the call, to find its log lines. */
  @ApiProperty({ type: String, nullable: true })
  requestId!: string | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] })
  items!: AuditEventDto[];

  /** Pass as `cursor` for the next page; null on the last page. */
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
