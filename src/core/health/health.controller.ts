import { Public } from '../auth/access.decorators';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { PrismaService } from '../../database/prisma.service';
import { ApiProblemResponse } from '../openapi/api-problem-response.decorator';
import { HealthDto } from './health.dto';

const DATABASE_TIMEOUT_MS = 2_000;

@ApiTags('health')
@Public()
// A request the HTTP server cannot parse (e.g. a malformed header) is refused before any route
// runs, so even the probes document a 400.
@ApiProblemResponse(400, 'The request itself is malformed, e.g. a header (`BAD_REQUEST`).', [
  'BAD_REQUEST',
])
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly prisma: PrismaService,
  ) {}

  @Get('live')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Liveness: the process is up and serving HTTP',
    description:
      'Checks nothing outside the process; use it for restarts, not for routing traffic.',
  })
  @ApiOkResponse({ type: HealthDto })
  getLiveness(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Readiness: the gateway can serve requests (database reachable)',
    description: `Route traffic here only while this is 200. The database must answer within ${DATABASE_TIMEOUT_MS} ms.`,
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiProblemResponse(503, 'A dependency is down; `details` holds the checks that failed.', [
    'SERVICE_UNAVAILABLE',
  ])
  getReadiness(): Promise<HealthCheckResult> {
    return this.health.check([
      () =>
        this.indicators
          .check('database')
          .attempt(() => this.prisma.ping())
          .withTimeout(DATABASE_TIMEOUT_MS),
    ]);
  }
}
