import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
} from 'class-validator';
import { HistoryTime } from '../../history/dto/history-time';
import { decodeAuditCursor } from '../audit-cursor';

export const MAX_AUDIT_PAGE = 500;
export const DEFAULT_AUDIT_PAGE = 100;
export const ACTOR_TYPES = ['USER', 'API_KEY', 'SYSTEM'] as const;

/** `cursor` must be a `nextCursor` this route gave. */
function AuditCursorText(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'auditCursor',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' || decodeAuditCursor(value) !== undefined,
        defaultMessage: () => "cursor must be a previous page's nextCursor",
      },
    });
}

export class AuditQueryDto {
  /** Only events of this action, e.g. `charger.command`, `installation.limits`, `api-key.create`. */
  @ApiPropertyOptional({ type: String, maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z][a-z0-9.-]*$/, {
    message: 'action must be an action name such as charger.command',
  })
  action?: string;

  /** Only events of this actor: a Zaptec user id, or an API key id. */
  @ApiPropertyOptional({ type: String, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actorId?: string;

  /** Only events of this kind of actor. */
  @ApiPropertyOptional({ enum: ACTOR_TYPES, enumName: 'AuditActorType' })
  @IsOptional()
  @IsIn(ACTOR_TYPES)
  actorType?: (typeof ACTOR_TYPES)[number];

  @HistoryTime('Events at or after this time (ISO 8601; without a zone it is UTC).')
  from?: string;

  @HistoryTime(
    'Events before this time, later than `from` (ISO 8601; without a zone it is UTC).',
    'from',
  )
  to?: string;

  /** The `nextCursor` of the previous page, as it was given (with the same filters). */
  @ApiPropertyOptional({ type: String })
  @IsOptional()
  @IsString()
  @AuditCursorText()
  cursor?: string;

  /** Events per page. A CSV answer is not cut to it: it holds every page. */
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_AUDIT_PAGE,
    default: DEFAULT_AUDIT_PAGE,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_AUDIT_PAGE)
  limit: number = DEFAULT_AUDIT_PAGE;
}
