import {
  Body,
  Controller,
  createParamDecorator,
  Delete,
  type ExecutionContext,
  Get,
  HttpCode,
  HttpStatus,
  Post,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated } from '../../core/auth/access.decorators';
import { parseObjectId } from '../../core/auth/object-id';
import {
  CurrentPrincipal,
  CurrentUser,
  type Principal,
  type UserPrincipal,
} from '../../core/auth/principal';
import { RequestId } from '../../core/auth/write-context';
import { ApiProblemResponse } from '../../core/openapi/api-problem-response.decorator';
import { ApiUpstreamProblems } from '../../core/openapi/api-upstream-problems.decorator';
import { validationExample } from '../../core/openapi/problem-examples';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';

/** The key id of the path, checked and lowercased like an object id (object-id.ts). */
export const KeyId = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  parseObjectId(
    context.switchToHttp().getRequest<{ params?: { id?: unknown } }>().params?.id,
    'id',
  ),
);

const ADMINISTRATOR_ONLY =
  '**Access:** an Administrator (UserRoles 8) of the installations concerned.';

@ApiTags('api-keys')
@Controller({ path: 'api-keys', version: '1' })
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @Authenticated({ usersOnly: true })
  @ApiOperation({
    summary: 'Mint an API key for partners',
    description: [
      "A key acts server to server with the roles `roles` on the installations `installationIds` only (anything else answers 404, as for a user without a role there), calling Zaptec as the gateway's service account. Send it as `X-Api-Key: zgw_…` (or `Authorization: Bearer zgw_…`).",
      'You must be signed in as a user (not with a key), be Administrator on every listed installation, and hold every role of `roles` there yourself. **The secret is in this response only**: the gateway keeps a keyed hash (HMAC-SHA-256) of it. The minting is in the audit log of every listed installation (`api-key.create`).',
      ADMINISTRATOR_ONLY,
    ].join('\n\n'),
  })
  @ApiBody({ type: CreateApiKeyDto })
  @ApiCreatedResponse({
    type: CreatedApiKeyDto,
    description: 'The key, with its secret (shown once).',
  })
  @ApiProblemResponse(
    400,
    'The body is malformed, an id is no UUID, or `expiresAt` is not in the future (`VALIDATION_FAILED`).',
    [validationExample({ expiresAt: 'expiresAt must be in the future' })],
  )
  @ApiProblemResponse(
    403,
    'You are not Administrator on a listed installation (`NOT_ADMINISTRATOR`), or `roles` has a role you do not hold there (`ROLES_EXCEED_OWN`).',
    ['NOT_ADMINISTRATOR', 'ROLES_EXCEED_OWN'],
  )
  @ApiUpstreamProblems()
  createApiKey(
    @CurrentUser() user: UserPrincipal,
    @Body() body: CreateApiKeyDto,
    @RequestId() requestId: string,
  ): Promise<CreatedApiKeyDto> {
    return this.keys.create(user, body, requestId);
  }

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'List the API keys of installations you administer',
    description: [
      'Keys covering any installation where you are Administrator, newest first, revoked ones included; never a secret or its hash.',
      ADMINISTRATOR_ONLY,
    ].join('\n\n'),
  })
  @ApiOkResponse({ type: [ApiKeyDto] })
  @ApiUpstreamProblems()
  listApiKeys(@CurrentPrincipal() principal: Principal): Promise<ApiKeyDto[]> {
    return this.keys.list(principal);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated()
  @ApiOperation({
    summary: 'Revoke an API key',
    description: [
      'The key answers 401 from the next request on, cached reads included (on other instances of the gateway within 15 s). Revoking a revoked key is a no-op. The revocation is in the audit log of every installation of the key (`api-key.revoke`).',
      ADMINISTRATOR_ONLY + ' You must be Administrator on every installation of the key.',
    ].join('\n\n'),
  })
  @ApiParam({
    name: 'id',
    description: 'The API key id (a UUID, in any case).',
    schema: { type: 'string', format: 'uuid', example: '0f7c2b1e-4d8a-4c3b-9e6f-1a2b3c4d5e6f' },
  })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiProblemResponse(400, 'The id is not a UUID (`VALIDATION_FAILED`, field `id`).', [
    validationExample({ id: 'id must be a UUID' }),
  ])
  @ApiProblemResponse(
    403,
    'You are not Administrator on every installation of the key (`NOT_ADMINISTRATOR`).',
    ['NOT_ADMINISTRATOR'],
  )
  @ApiProblemResponse(404, 'No such key on an installation you administer (`NOT_FOUND`).', [
    'NOT_FOUND',
  ])
  @ApiUpstreamProblems()
  revokeApiKey(
    @CurrentPrincipal() principal: Principal,
    @KeyId() id: string,
    @RequestId() requestId: string,
  ): Promise<void> {
    return this.keys.revoke(principal, id, requestId);
  }
}
