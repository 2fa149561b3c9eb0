import { ApiProperty } from '@nestjs/swagger';

export enum TokenType {
  Bearer = 'Bearer',
}

export class TokenResponseDto {
  /** Send as `Authorization: Bearer <accessToken>`. */
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI…' })
  accessToken!: string;

  /** Exchange at POST /v1/auth/refresh for a new pair; works once (rotation). */
  @ApiProperty({ example: 'qB9v3cFj0m1yQm8QJb3o4Zr7r3t8Hc1l0W2vS9pX2cE' })
  refreshToken!: string;

  /** Lifetime of the access token in seconds. */
  @ApiProperty({ example: 900 })
  expiresIn!: number;

  @ApiProperty({ enum: TokenType, enumName: 'TokenType', example: TokenType.Bearer })
  tokenType!: TokenType;

  /**
   * When the Zaptec session behind this sign-in ends (Zaptec tokens last about a day and cannot
   * be refreshed); after it, calls answer 401 `UPSTREAM_SESSION_EXPIRED` and the user signs in again.
   */
  @ApiProperty({ example: '2026-11-26T12:00:00.000Z', format: 'date-time' })
  sessionExpiresAt!: string;
}
