import { Controller, Get, Headers, Query, type StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRoles, RoleTargetOf, TargetId } from '../../core/auth/access.decorators';
import { RoleSets } from '../../core/auth/user-roles';
import { acceptsCsv } from '../../core/http/csv';
import { ApiProblemResponse } from '../../core/openapi/api-problem-response.decorator';
import { validationExample } from '../../core/openapi/problem-examples';
import { ApiJsonOrCsvResponse } from './api-csv-response.decorator';
import { InstallationEnergyDto } from './dto/installation-energy.dto';
import { InstallationEnergyQueryDto } from './dto/energy-query.dto';
import { InstallationEnergyService, MAX_ENERGY_BUCKETS } from './installation-energy.service';

@ApiTags('history')
@Controller({ path: 'installations', version: '1' })
export class InstallationEnergyController {
  constructor(private readonly energy: InstallationEnergyService) {}

  @Get(':id/energy')
  @RequireRoles(...RoleSets.manager)
  @RoleTargetOf('installation')
  @ApiOperation({
    summary: "An installation's energy per local hour, day, week or month, per charger",
    description:
      "Built from each stored session's EnergyDetails (Zaptec's 15-minute ticks), not its end time: a tick's energy is shared among the buckets its interval overlaps, so energy lands in the hour it was delivered. Sessions without ticks are spread evenly over [startedAt, endedAt) and listed in `estimatedSessionIds`. Buckets are in the installation's time zone (Zaptec's TimeZoneIanaName; UTC, with `timeZoneAssumed`, when unknown), DST-correct: a local day may be 23 or 25 hours, a week starts on Monday. Every bucket of the range is listed; `start`/`end` carry the local offset. " +
      `At most ${MAX_ENERGY_BUCKETS.toLocaleString('en-US')} buckets; default range: the last 30 days, by day. \`Accept: text/csv\`: one row per bucket, a column per charger (its kWh, empty for none).`,
  })
  @ApiJsonOrCsvResponse(
    'The buckets, oldest first.',
    [InstallationEnergyDto],
    `start,end,kwh,${'ed6b8e98-da3e-580f-bf78-bf1a47815a3f'}\r\n2026-03-29T00:00:00.000+01:00,2026-03-30T00:00:00.000+02:00,3.2515,3.2515\r\n`,
  )
  @ApiProblemResponse(
    400,
    'An unknown `interval`, a time that is not ISO 8601, `to` not after `from`, more buckets than allowed, or an unknown parameter (`VALIDATION_FAILED`, `errors` names the fields).',
    [validationExample({ to: 'to must be within 1000 hour buckets of from' })],
  )
  async installationEnergy(
    @TargetId() id: string,
    @Query() query: InstallationEnergyQueryDto,
    @Headers('accept') accept?: string,
  ): Promise<InstallationEnergyDto | StreamableFile> {
    const result = await this.energy.energy(id, query);
    return acceptsCsv(accept) ? this.energy.csv(result) : result;
  }
}
