import { Readable } from 'node:stream';
import { Injectable, type StreamableFile } from '@nestjs/common';
import type { Principal } from '../../core/auth/principal';
import { csvFile, type CsvValue } from '../../core/http/csv';
import { validationProblem } from '../../core/errors/validation';
import { PrismaService } from '../../database/prisma.service';
import { parseCallerTime } from '../../core/time/caller-time';
import { ENUM_OBSERVATIONS, StateIds, TEXT_OBSERVATIONS } from '../chargers/charger-observations';
import { ConstantsService } from '../constants/constants.service';
import type {
  ObservationBucketsDto,
  ObservationChangeDto,
  ObservationChangesDto,
} from './dto/observation-series.dto';
import type { ObservationSeriesQueryDto } from './dto/observation-series-query.dto';
import { timeRange } from './dto/history-time';
import {
  BUCKET_MS,
  type BucketWidth,
  findObservationBuckets,
  findObservationChanges,
  type ObservationChange,
  type SeriesRange,
} from './observation-series.query';

const DAY_MS = 86_400_000;
/** 30 days of 5-minute buckets is 8,640: the bound keeps one answer to a few hundred kB. */
export const MAX_BUCKETS = 10_000;
/** Rows per round trip when a CSV export walks the whole change log. */
const CSV_BATCH = 5000;

/** Values that are not numbers whatever they look like: no average of a bit mask or an enum. */
const NOT_AGGREGATABLE: ReadonlySet<string> = new Set([
  ...TEXT_OBSERVATIONS,
  ...Object.keys(ENUM_OBSERVATIONS),
]);

interface Series {
  range: SeriesRange;
  observation: string;
}

/** A charger's stored observation history: the change log, or aggregates per bucket. */
@Injectable()
export class ObservationSeriesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly constants: ConstantsService,
  ) {}

  async changes(
    principal: Principal,
    chargerId: string,
    query: ObservationSeriesQueryDto,
  ): Promise<ObservationChangesDto> {
    const { range, observation } = await this.series(principal, chargerId, query);
    const rows = await findObservationChanges(this.prisma.pool, {
      ...range,
      after: cursorOf(query.cursor),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return {
      ...header(range, observation),
      items: page.map(toChangeDto),
      nextCursor: rows.length > query.limit ? page[page.length - 1].observedAt.toISOString() : null,
    };
  }

  /** The whole change log of the range (from `cursor` on) as CSV, read in batches. */
  async changesCsv(
    principal: Principal,
    chargerId: string,
    query: ObservationSeriesQueryDto,
  ): Promise<StreamableFile> {
    const { range, observation } = await this.series(principal, chargerId, query);
    const db = this.prisma.pool;
    async function* rows(): AsyncGenerator<CsvValue[]> {
      let after = cursorOf(query.cursor);
      for (;;) {
        const batch = await findObservationChanges(db, { ...range, after, limit: CSV_BATCH });
        for (const row of batch) {
          yield [row.observedAt.toISOString(), row.rawValue, row.numericValue];
        }
        if (batch.length < CSV_BATCH) return;
        after = batch[batch.length - 1].observedAt;
      }
    }
    return csvFile(
      ['observedAt', 'rawValue', 'numericValue'],
      rows(),
      `${observation}-${chargerId}.csv`,
    );
  }

  async buckets(
    principal: Principal,
    chargerId: string,
    query: ObservationSeriesQueryDto,
    width: BucketWidth,
  ): Promise<ObservationBucketsDto> {
    const { range, observation } = await this.series(principal, chargerId, query);
    if (NOT_AGGREGATABLE.has(observation) || range.stateId === StateIds.CompletedSession) {
      throw validationProblem(
        'observation',
        `observation ${observation} is not numeric: no buckets`,
      );
    }
    const size = BUCKET_MS[width];
    // On the bucket grid, so the first and last buckets are whole.
    const aligned = {
      ...range,
      from: new Date(Math.floor(range.from.getTime() / size) * size),
      to: new Date(Math.ceil(range.to.getTime() / size) * size),
    };
    if ((aligned.to.getTime() - aligned.from.getTime()) / size > MAX_BUCKETS) {
      throw validationProblem(
        'to',
        `to must be within ${MAX_BUCKETS} buckets of ${width} after from`,
      );
    }
    const rows = await findObservationBuckets(this.prisma.pool, { ...aligned, width });
    if (rows.length > 0 && rows.every((row) => row.numericCount === 0)) {
      throw validationProblem(
        'observation',
        `observation ${observation} is not numeric: no buckets`,
      );
    }
    return {
      ...header(aligned, observation),
      bucket: width,
      buckets: rows.map((row) => ({
        start: row.start.toISOString(),
        end: new Date(row.start.getTime() + size).toISOString(),
        count: row.count,
        avg: row.avg,
        min: row.min,
        max: row.max,
        last: row.last,
      })),
    };
  }

  bucketsCsv(result: ObservationBucketsDto): StreamableFile {
    const rows = result.buckets.map((b) => [b.start, b.end, b.count, b.avg, b.min, b.max, b.last]);
    return csvFile(
      ['start', 'end', 'count', 'avg', 'min', 'max', 'last'],
      Readable.from(rows) as AsyncIterable<CsvValue[]>,
      `${result.observation}-${result.chargerId}-${result.bucket}.csv`,
    );
  }

  /** The observation by name or id in the constants served; 400 naming `observation` if unknown. */
  private async series(
    principal: Principal,
    chargerId: string,
    query: ObservationSeriesQueryDto,
  ): Promise<Series> {
    const catalog = await this.constants.current(principal.upstream);
    const byId = /^-?\d+$/.test(query.observation) ? Number(query.observation) : undefined;
    const stateId = byId ?? catalog.observationId(query.observation);
    const name = stateId === undefined ? undefined : catalog.observationName(stateId);
    if (stateId === undefined || name === undefined) {
      throw validationProblem(
        'observation',
        `observation ${query.observation} is not an observation of constants ${catalog.version}`,
      );
    }
    const { from, to } = timeRange(query, DAY_MS);
    return { range: { chargerId, stateId, from, to }, observation: name };
  }
}

function cursorOf(cursor: string | undefined): Date | undefined {
  if (cursor === undefined) return undefined;
  const at = parseCallerTime(cursor);
  if (at === undefined)
    throw validationProblem('cursor', 'cursor must be a nextCursor given before');
  return at;
}

function header(range: SeriesRange, observation: string) {
  return {
    chargerId: range.chargerId,
    observation,
    observationId: range.stateId,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
  };
}

function toChangeDto(row: ObservationChange): ObservationChangeDto {
  return {
    observedAt: row.observedAt.toISOString(),
    rawValue: row.rawValue,
    numericValue: row.numericValue,
  };
}
