import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRoles } from '../../../core/auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../../../core/auth/principal';
import { RoleSets } from '../../../core/auth/user-roles';
import { ApiProblemResponse } from '../../../core/openapi/api-problem-response.decorator';
import { ApiUpstreamProblems } from '../../../core/openapi/api-upstream-problems.decorator';
import { validationExample } from '../../../core/openapi/problem-examples';
import { SessionDetailDto } from './dto/session-detail.dto';
import { SessionIdParams } from './dto/session-id.dto';
import { SessionDetailService } from './session-detail.service';

@ApiTags('sessions')
@Controller({ path: 'sessions', version: '1' })
export class SessionDetailController {
  constructor(private readonly sessions: SessionDetailService) {}

  @Get(':id')
  @RequireRoles(...RoleSets.member)
  @ApiOperation({
    summary: 'One stored session: energy ticks, OCMF parsed and checked, signature verified',
    description: [
      "A session ingestion has stored, with its 15-minute energy ticks and its signed meter data (OCMF): verbatim, parsed (meter id, pagination, readings, begin and end register) and checked against the session (end − begin register = the session's energy within the register's resolution; reading times and register never go back; the first reading at the session's start, within 60 s).",
      "`signature.status`: `verified` when the charger's registered meter key (PUT /v1/chargers/{id}/meter-public-key) signed exactly this OCMF, `invalid` when it did not, `unknown-key` when no key is registered, `unsigned` when the session has no OCMF (then `ocmf` is null) or its OCMF no signature.",
      "Owners, Maintainers and Administrators of the session's installation see it; with the User role only your own sessions. Any other session answers 404, as an unknown id does.",
    ].join('\n\n'),
  })
  @ApiOkResponse({ type: SessionDetailDto })
  @ApiProblemResponse(400, 'The id is not a UUID (`VALIDATION_FAILED`, field `id`).', [
    validationExample({ id: 'id must be a UUID' }),
  ])
  @ApiProblemResponse(404, 'No such session among those you may see (`NOT_FOUND`).', [
    {
      code: 'NOT_FOUND',
      detail:
        'No session 8b0e3f57-6d0c-5f8e-9a41-2f3c4d5e6f70 among the objects you have a role on.',
    },
  ])
  @ApiUpstreamProblems()
  session(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SessionIdParams,
  ): Promise<SessionDetailDto> {
    return this.sessions.detail(principal, params.id);
  }
}
