import { Controller, Get, Headers, Query, type StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRoles, RoleTargetOf, TargetId } from '../../core/auth/access.decorators';
import { CurrentPrincipal, type Principal } from '../../core/auth/principal';
import { RoleSets } from '../../core/auth/user-roles';
import { acceptsCsv } from '../../core/http/csv';
import { ApiProblemResponse } from '../../core/openapi/api-problem-response.decorator';
import { validationExample } from '../../core/openapi/problem-examples';
import { ApiJsonOrCsvResponse } from './api-csv-response.decorator';
import { ObservationBucketsDto, ObservationChangesDto } from './dto/observation-series.dto';
import { ObservationSeriesQueryDto } from './dto/observation-series-query.dto';
import { MAX_BUCKETS, ObservationSeriesService } from './observation-series.service';

@ApiTags('history')
@Controller({ path: 'chargers', version: '1' })
export class ObservationSeriesController {
  constructor(private readonly series: ObservationSeriesService) {}

  @Get(':id/observations')
  @RequireRoles(...RoleSets.manager)
  @RoleTargetOf('charger')
  @ApiOperation({
    summary: "A charger's stored history of one observation: its changes, or buckets",
    description:
      "From the gateway's own store (ingestion keeps a row each time a value changes, so nothing is stored while it stays the same). Without `bucket`: the changes, oldest first, `limit` per page with `nextCursor`. With `bucket` (`1m`…`1d`, UTC-aligned, at most " +
      `${MAX_BUCKETS.toLocaleString('en-US')} buckets): count, avg, min, max and last of the changes in each bucket, computed in the database; a bucket without a change has no entry (the value then was the last bucket's \`last\`; nothing is carried forward). Numeric observations only for buckets. ` +
      '`Accept: text/csv` answers the same as CSV (the changes: every change of the range from `cursor` on, streamed). Default range: the last 24 hours.',
  })
  @ApiJsonOrCsvResponse(
    'The changes (no `bucket`) or the buckets.',
    [ObservationChangesDto, ObservationBucketsDto],
    'start,end,count,avg,min,max,last\r\n2026-11-20T08:15:00.000Z,2026-11-20T08:20:00.000Z,4,7012.25,6890,7360.5,7100\r\n',
  )
  @ApiProblemResponse(
    400,
    'An observation the constants do not name, buckets of a non-numeric one, a time that is not ISO 8601, `to` not after `from`, more buckets than allowed, a bad `cursor` or `limit`, or an unknown parameter (`VALIDATION_FAILED`, `errors` names the fields).',
    [
      validationExample({
        observation: 'observation Colour is not an observation of constants 6.5.8',
      }),
    ],
  )
  observations(
    @CurrentPrincipal() principal: Principal,
    @TargetId() id: string,
    @Query() query: ObservationSeriesQueryDto,
    @Headers('accept') accept?: string,
  ): Promise<ObservationChangesDto | ObservationBucketsDto | StreamableFile> {
    return this.answer(principal, id, query, acceptsCsv(accept));
  }

  private async answer(
    principal: Principal,
    id: string,
    query: ObservationSeriesQueryDto,
    csv: boolean,
  ): Promise<ObservationChangesDto | ObservationBucketsDto | StreamableFile> {
    if (query.bucket === undefined) {
      return csv
        ? this.series.changesCsv(principal, id, query)
        : this.series.changes(principal, id, query);
    }
    const buckets = await this.series.buckets(principal, id, query, query.bucket);
    return csv ? this.series.bucketsCsv(buckets) : buckets;
  }
}
