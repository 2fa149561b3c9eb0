import { Controller, Get, Query, type StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRoles, RoleTargetOf } from '../../core/auth/access.decorators';
import { CurrentAccess, type ResolvedAccess } from '../../core/auth/principal';
import { RoleSets } from '../../core/auth/user-roles';
import { acceptsCsv } from '../../core/http/csv';
import { DEMO_EXAMPLES } from '../../core/openapi/demo-examples';
import { ApiProblemResponse } from '../../core/openapi/api-problem-response.decorator';
import { ApiUpstreamProblems } from '../../core/openapi/api-upstream-problems.decorator';
import { validationExample } from '../../core/openapi/problem-examples';
import { ApiJsonOrCsvResponse } from '../history/api-csv-response.decorator';
import { AcceptHeader } from '../sessions/accept-header';
import { AUDIT_CSV_HEADER, AuditLogService } from './audit-log.service';
import { AuditPageDto } from './dto/audit-event.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

const CSV_EXAMPLE = `${AUDIT_CSV_HEADER.join(',')}\r
42,2026-12-03T09:15:02.311Z,USER,2515f850-50af-5413-8466-7e77602b2c93,charger.command,charger,53dec9bd-d8e2-51f0-a8fb-20f944812323,ed6b8e98-da3e-580f-bf78-bf1a47815a3f,SUCCEEDED,"{""command"":""StopChargingFinal""}",3f1c…\r
`;

@ApiTags('installations')
@Controller({ path: 'installations', version: '1' })
export class AuditController {
  constructor(private readonly audit: AuditLogService) {}

  @Get(':id/audit')
  @RequireRoles(...RoleSets.administrator)
  // The sign-in example (the owner) is Administrator nowhere: the example is the demo admin's Office.
  @RoleTargetOf('installation', 'id', DEMO_EXAMPLES.officeInstallationId)
  @ApiOperation({
    summary: "The installation's audit log, newest first, with cursor paging or as CSV",
    description: [
      "What was done to this installation and its chargers through the gateway, and by whom: commands, settings and limit changes, meter keys, API keys created and revoked, each with its outcome (SUCCEEDED, REJECTED: refused with a 4xx; FAILED: Zaptec broke). Secrets never appear. Only the installation's Administrators may read it (a lesser role gets 403): to try it on the demo, sign in as `admin@demo.zaptec.local` (password `demo-admin`), Administrator of the example installation Office.",
      'Paging: pass the `nextCursor` of a page as `cursor` (with the same filters) for the next one; it is null on the last page. Send `Accept: text/csv` for every matching event as CSV (RFC 4180, header row, times ISO 8601 in UTC), streamed; `limit` does not apply.',
    ].join('\n\n'),
  })
  @ApiJsonOrCsvResponse(
    'A page of events (JSON), or all matching events (CSV).',
    [AuditPageDto],
    CSV_EXAMPLE,
  )
  @ApiProblemResponse(
    400,
    'A malformed query: a time that is not ISO 8601, `to` not after `from`, `limit` outside 1–500, a `cursor` no page gave, or an unknown parameter (`VALIDATION_FAILED`, `errors` names the fields).',
    [validationExample({ limit: 'limit must not be greater than 500' })],
  )
  @ApiUpstreamProblems()
  auditLog(
    @CurrentAccess() access: ResolvedAccess,
    @Query() query: AuditQueryDto,
    @AcceptHeader() accept: string | undefined,
  ): Promise<AuditPageDto | StreamableFile> {
    return acceptsCsv(accept)
      ? this.audit.csv(access.installationId, query)
      : this.audit.page(access.installationId, query);
  }
}
