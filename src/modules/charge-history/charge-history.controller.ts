import { CachedRead } from '../../cache/http/cached-read.decorator';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRoles, RoleTargetQuery } from '../../core/auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../../core/auth/principal';
import { RoleSets } from '../../core/auth/user-roles';
import { ApiProblemResponse } from '../../core/openapi/api-problem-response.decorator';
import { ApiUpstreamProblems } from '../../core/openapi/api-upstream-problems.decorator';
import { validationExample } from '../../core/openapi/problem-examples';
import { ChargeHistoryService } from './charge-history.service';
import { ChargeHistoryQueryDto } from './dto/charge-history-query.dto';
import { ChargeHistoryPageDto } from './dto/charge-session.dto';

@ApiTags('charge-history')
@Controller({ path: 'charge-history', version: '1' })
export class ChargeHistoryController {
  constructor(private readonly history: ChargeHistoryService) {}

  @Get()
  @CachedRead('chargeHistory', 'principal')
  @RequireRoles(...RoleSets.member)
  @RoleTargetQuery('installation', 'installationId')
  @ApiOperation({
    summary: 'Completed charge sessions, live from Zaptec, newest first',
    description:
      "Pages of Zaptec's charge history. Owners, Maintainers and Administrators see every session of their installations; with the User role you see your own sessions only. Narrow it to one installation or charger (you need a role on it: 404 otherwise) and to a time range of session starts.",
  })
  @ApiOkResponse({ type: ChargeHistoryPageDto })
  @ApiProblemResponse(
    400,
    'A malformed query: an id that is not a UUID, a time that is not ISO 8601, `to` not after `from`, a page size outside 1–100, or an unknown parameter (`VALIDATION_FAILED`, `errors` names the fields).',
    [validationExample({ to: 'to must be later than from' })],
  )
  @ApiUpstreamProblems()
  listChargeHistory(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ChargeHistoryQueryDto,
  ): Promise<ChargeHistoryPageDto> {
    return this.history.page(principal, query);
  }
}
