import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRoles, RoleTargetOf, TargetId } from '../../../core/auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../../../core/auth/principal';
import { RoleSets } from '../../../core/auth/user-roles';
import { ApiUpstreamProblems } from '../../../core/openapi/api-upstream-problems.decorator';
import { SessionDetailDto } from './dto/session-detail.dto';
import { SessionDetailService } from './session-detail.service';

@ApiTags('sessions')
@Controller({ path: 'sessions', version: '1' })
export class SessionDetailController {
  constructor(private readonly sessions: SessionDetailService) {}

  @Get(':id')
  @RequireRoles(...RoleSets.member)
  @RoleTargetOf('session')
  @ApiOperation({
    summary: 'One stored session: energy ticks, OCMF parsed and checked, signature verified',
    description: [
      "A session ingestion has stored, with its 15-minute energy ticks and its signed meter data (OCMF): verbatim, parsed (meter id, pagination, readings, begin and end register) and checked against the session (end − begin register = the session's energy within the register's resolution; reading times and register never go back; the first reading at the session's start, within 60 s).",
      "`signature.status`: `verified` when the charger's registered meter key (PUT /v1/chargers/{id}/meter-public-key) signed exactly this OCMF, `invalid` when it did not, `unknown-key` when no key is registered, `unsigned` when the session has no OCMF (then `ocmf` is null) or its OCMF no signature.",
      "Owners, Maintainers and Administrators of the session's installation see it; with the User role only your own sessions. Any other session answers 404, as an unknown id does.",
    ].join('\n\n'),
  })
  @ApiOkResponse({ type: SessionDetailDto })
  @ApiUpstreamProblems()
  session(
    @CurrentPrincipal() principal: Principal,
    @TargetId() id: string,
  ): Promise<SessionDetailDto> {
    return this.sessions.detail(principal, id);
  }
}
