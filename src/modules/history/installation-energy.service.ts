import { Readable } from 'node:stream';
import { Injectable, type StreamableFile } from '@nestjs/common';
import { csvFile, type CsvValue } from '../../core/http/csv';
import { validationProblem } from '../../core/errors/validation';
import { isKnownTimeZone, isoInZone } from '../../core/time/zoned-time';
import { PrismaService } from '../../database/prisma.service';
import type { InstallationEnergyQueryDto } from './dto/energy-query.dto';
import type { EnergyBucketDto, InstallationEnergyDto } from './dto/installation-energy.dto';
import { timeRange } from './dto/history-time';
import {
  edgesOf,
  energyBuckets,
  installationEnergy,
  installationTimeZone,
} from './installation-energy.query';

/** A month of hours is 744; two years of days 731. */
export const MAX_ENERGY_BUCKETS = 1000;
const DEFAULT_SPAN_MS = 30 * 86_400_000;

/** An installation's delivered energy per local hour, day, week or month. */
@Injectable()
export class InstallationEnergyService {
  constructor(private readonly prisma: PrismaService) {}

  async energy(
    installationId: string,
    query: InstallationEnergyQueryDto,
  ): Promise<InstallationEnergyDto> {
    const db = this.prisma.pool;
    const { timeZone, assumed } = await this.timeZoneOf(installationId);
    const range = {
      installationId,
      timeZone,
      interval: query.interval,
      ...timeRange(query, DEFAULT_SPAN_MS),
    };
    const bounds = await energyBuckets(db, range, MAX_ENERGY_BUCKETS + 1);
    if (bounds.length > MAX_ENERGY_BUCKETS) {
      throw validationProblem(
        'to',
        `to must be within ${MAX_ENERGY_BUCKETS} ${query.interval} buckets of from`,
      );
    }
    const { energy, estimatedSessionIds } = await installationEnergy(
      db,
      installationId,
      edgesOf(bounds),
    );

    const byStart = new Map<number, EnergyBucketDto>();
    const buckets = bounds.map(({ start, end }) => {
      const bucket: EnergyBucketDto = {
        start: isoInZone(start, timeZone),
        end: isoInZone(end, timeZone),
        kwh: 0,
        chargers: [],
      };
      byStart.set(start.getTime(), bucket);
      return bucket;
    });
    let total = 0;
    for (const row of energy) {
      const bucket = byStart.get(row.start.getTime());
      if (!bucket) continue;
      bucket.chargers.push({ chargerId: row.chargerId, kwh: row.kwh });
      bucket.kwh += row.kwh;
      total += row.kwh;
    }
    for (const bucket of buckets) bucket.kwh = round4(bucket.kwh);
    return {
      installationId,
      timeZone,
      timeZoneAssumed: assumed,
      interval: query.interval,
      buckets,
      totalKwh: round4(total),
      estimatedSessionIds,
    };
  }

  /**
   * One row per bucket, one column per charger that delivered energy in the range (its kWh in
   * that bucket, empty for none): the table a spreadsheet charts directly.
   */
  csv(result: InstallationEnergyDto): StreamableFile {
    const chargerIds = [
      ...new Set(result.buckets.flatMap((b) => b.chargers.map((c) => c.chargerId))),
    ].sort();
    const rows = result.buckets.map((bucket) => {
      const kwhOf = new Map(bucket.chargers.map((c) => [c.chargerId, c.kwh]));
      return [bucket.start, bucket.end, bucket.kwh, ...chargerIds.map((id) => kwhOf.get(id))];
    });
    return csvFile(
      ['start', 'end', 'kwh', ...chargerIds],
      Readable.from(rows) as AsyncIterable<CsvValue[]>,
      `energy-${result.installationId}-${result.interval}.csv`,
    );
  }

  /** Zaptec's TimeZoneIanaName as ingestion mirrored it; UTC when unknown (and said so). */
  private async timeZoneOf(
    installationId: string,
  ): Promise<{ timeZone: string; assumed: boolean }> {
    const zone = await installationTimeZone(this.prisma.pool, installationId);
    return zone && isKnownTimeZone(zone)
      ? { timeZone: zone, assumed: false }
      : { timeZone: 'UTC', assumed: true };
  }
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;
