import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { isUUID, IsUUID } from 'class-validator';

/** A session id in the path: a UUID in any case, lowercased once here (object-id.ts). */
export class SessionIdParams {
  @ApiProperty({
    format: 'uuid',
    description: 'The session id (Zaptec SessionId, a UUID in any case).',
    example: '8b0e3f57-6d0c-5f8e-9a41-2f3c4d5e6f70',
  })
  @IsUUID(undefined, { message: 'id must be a UUID' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && isUUID(value) ? value.toLowerCase() : value,
  )
  id!: string;
}
