import { Controller, Get, Query, type StreamableFile } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { RequireRoles, RoleTargetQuery } from '../../core/auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../../core/auth/principal';
import { RoleSets } from '../../core/auth/user-roles';
import { acceptsCsv } from '../../core/http/csv';
import { DEMO_ID_OF } from '../../core/openapi/demo-examples';
import { ApiProblemResponse } from '../../core/openapi/api-problem-response.decorator';
import { ApiUpstreamProblems } from '../../core/openapi/api-upstream-problems.decorator';
import { validationExample } from '../../core/openapi/problem-examples';
import { AcceptHeader } from './accept-header';
import { SessionPageDto } from './dto/session.dto';
import { SessionsQueryDto } from './dto/sessions-query.dto';
import { SessionsService } from './sessions.service';
import { SESSION_CSV_HEADER } from './sessions.mapper';

const CSV_EXAMPLE = `${SESSION_CSV_HEADER.join(',')}\r
67ddc10b-9d7b-4cf7-ad3c-7424819997af,53dec9bd-d8e2-51f0-a8fb-20f944812323,ed6b8e98-da3e-580f-bf78-bf1a47815a3f,ZAP000101,2515f850-50af-5413-8466-7e77602b2c93,2026-04-24T12:35:49.197Z,2026-04-24T16:21:07.057Z,,11.9031,21,Online ReliableClock Signed,,RFID-ABC,,true\r
`;

@ApiTags('sessions')
@ApiExtraModels(SessionPageDto)
@Controller({ path: 'sessions', version: '1' })
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @RequireRoles(...RoleSets.member)
  @RoleTargetQuery('installation', 'installationId')
  @ApiOperation({
    summary: 'Stored charge sessions, newest end first, with cursor paging or as CSV',
    description: [
      'The completed sessions the gateway has stored from Zaptec, months back, ordered by end time (newest first, then by id). Owners, Maintainers and Administrators see every session of their installations; with the User role you see your own sessions only. Narrow it to one installation or charger (you need a role on it: 404 otherwise), to one user and to a range of end times (`from` ≤ end < `to`). Sessions the cloud has not closed yet (no end time) are not listed.',
      "Paging: pass the `nextCursor` of a page as `cursor` (with the same filters) for the next one; it is null on the last page. Sessions stored meanwhile never shift a page: each page starts right after the previous page's last session.",
      'Send `Accept: text/csv` for CSV (RFC 4180, header row, times ISO 8601 in UTC): it holds **every** session matching the filters (after `cursor` when given), not one page, streamed as it is read; `limit` and `includeTotal` do not apply.',
    ].join('\n\n'),
  })
  @ApiOkResponse({
    description: 'A page of sessions (JSON), or all matching sessions (CSV).',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(SessionPageDto) } },
      'text/csv': { schema: { type: 'string' }, example: CSV_EXAMPLE },
    },
  })
  @ApiProblemResponse(
    400,
    'A malformed query: an id that is not a UUID, a time that is not ISO 8601, `to` not after `from`, `limit` outside 1–500, a `cursor` no page gave, or an unknown parameter (`VALIDATION_FAILED`, `errors` names the fields).',
    [validationExample({ limit: 'limit must not be greater than 500' })],
  )
  @ApiProblemResponse(404, 'The same for a `chargerId` on an installation you have no role on.', [
    {
      code: 'NOT_FOUND',
      detail: `No installation ${DEMO_ID_OF.installation} among the objects you have a role on.`,
    },
  ])
  @ApiUpstreamProblems()
  listSessions(
    @CurrentPrincipal() principal: Principal,
    @Query() query: SessionsQueryDto,
    @AcceptHeader() accept: string | undefined,
  ): Promise<SessionPageDto | StreamableFile> {
    return acceptsCsv(accept)
      ? this.sessions.csv(principal, query)
      : this.sessions.page(principal, query);
  }
}
