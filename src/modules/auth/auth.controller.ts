import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Authenticated, Public } from '../../core/auth/access.decorators';
import { CurrentUser, type UserPrincipal } from '../../core/auth/principal';
import { ApiProblemResponse } from '../../core/openapi/api-problem-response.decorator';
import { ApiUpstreamProblems } from '../../core/openapi/api-upstream-problems.decorator';
import { validationExample } from '../../core/openapi/problem-examples';
import { AuthService } from './auth.service';
import { LoginDto, RefreshDto } from './dto/login.dto';
import { MeDto } from './dto/me.dto';
import { TokenResponseDto } from './dto/token-response.dto';

@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @Public()
  @ApiOperation({
    summary: 'Sign in with Zaptec credentials',
    description:
      'Exchanges your Zaptec username and password for a gateway access token (15 min) and a refresh token. The password goes to Zaptec once and is never stored.',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblemResponse(400, 'Malformed body (`VALIDATION_FAILED`).', [
    validationExample({ username: 'username must be longer than or equal to 1 characters' }),
  ])
  @ApiProblemResponse(401, 'Zaptec did not accept the credentials (`INVALID_CREDENTIALS`).', [
    'INVALID_CREDENTIALS',
  ])
  @ApiProblemResponse(
    429,
    'Too many sign-in attempts (`TOO_MANY_LOGIN_ATTEMPTS`); see Retry-After.',
    ['TOO_MANY_LOGIN_ATTEMPTS'],
  )
  @ApiProblemResponse(
    503,
    'Sign-ins are queued (Zaptec allows about one per second) and the queue is full (`UPSTREAM_BUSY`), or Zaptec is failing (`UPSTREAM_UNAVAILABLE`, `UPSTREAM_RATE_LIMITED`); see Retry-After.',
    ['UPSTREAM_BUSY', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_RATE_LIMITED'],
  )
  @ApiProblemResponse(
    502,
    'Zaptec could not be reached (`UPSTREAM_UNREACHABLE`), failed (`UPSTREAM_ERROR`) or answered without a usable token (`UPSTREAM_BAD_RESPONSE`).',
    ['UPSTREAM_UNREACHABLE', 'UPSTREAM_ERROR', 'UPSTREAM_BAD_RESPONSE'],
  )
  @ApiProblemResponse(504, 'Zaptec did not answer in time (`UPSTREAM_TIMEOUT`).', [
    'UPSTREAM_TIMEOUT',
  ])
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<TokenResponseDto> {
    return this.auth.login(body, request.ip);
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @Public()
  @ApiOperation({
    summary: 'Rotate the refresh token',
    description:
      'Returns a new access token and a new refresh token; the presented one stops working. Presenting a used refresh token again ends the whole sign-in (theft detection).',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblemResponse(400, 'Malformed body (`VALIDATION_FAILED`).', [
    validationExample({
      refreshToken: 'refreshToken must be longer than or equal to 20 characters',
    }),
  ])
  @ApiProblemResponse(
    401,
    "Unknown, expired or revoked refresh token (`INVALID_REFRESH_TOKEN`), a re-used one (`REFRESH_TOKEN_REUSED`), or the Zaptec session behind the sign-in ended or can no longer be used, e.g. after the gateway's token encryption key changed (`UPSTREAM_SESSION_EXPIRED`): sign in again.",
    ['INVALID_REFRESH_TOKEN', 'REFRESH_TOKEN_REUSED', 'UPSTREAM_SESSION_EXPIRED'],
  )
  refreshTokens(@Body() body: RefreshDto): Promise<TokenResponseDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated({ usersOnly: true })
  @ApiOperation({
    summary: 'Sign out',
    description: 'Ends this sign-in: its access tokens and refresh tokens stop working.',
  })
  @ApiNoContentResponse({ description: 'Signed out.' })
  logout(@CurrentUser() principal: UserPrincipal): Promise<void> {
    return this.auth.logout(principal);
  }
}

@ApiTags('auth')
@Controller({ path: 'me', version: '1' })
export class MeController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @Authenticated({ usersOnly: true })
  @ApiOperation({
    summary: 'Who is signed in, and their roles per installation',
    description:
      'Zaptec has no user endpoint; this is derived from the Zaptec token and the installations you have a role on.',
  })
  @ApiOkResponse({ type: MeDto })
  @ApiUpstreamProblems()
  getMe(@CurrentUser() principal: UserPrincipal): Promise<MeDto> {
    return this.auth.me(principal);
  }
}
