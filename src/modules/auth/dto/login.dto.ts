import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  /** Your Zaptec username (the e-mail address you sign in to the Zaptec portal with). */
  @ApiProperty({ example: 'owner@demo.zaptec.local' })
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  username!: string;

  /** Your Zaptec password; passed to Zaptec once and never stored or logged. */
  @ApiProperty({ example: 'demo-owner', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

export class RefreshDto {
  /** The refresh token from the last login or refresh; each one works once. */
  @ApiProperty({ example: 'qB9v3cFj0m1yQm8QJb3o4Zr7r3t8Hc1l0W2vS9pX2cE' })
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken!: string;
}
