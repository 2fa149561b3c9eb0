import { Injectable, type StreamableFile } from '@nestjs/common';
import type { AuditEvent } from '../../generated/prisma/client';
import { type CsvValue, csvFile } from '../../core/http/csv';
import { parseCallerTime } from '../../core/time/caller-time';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { AuditRepository, type AuditPageFilter } from './audit.repository';
import type { AuditEventDto, AuditPageDto } from './dto/audit-event.dto';
import { MAX_AUDIT_PAGE, type AuditQueryDto } from './dto/audit-query.dto';

export const AUDIT_CSV_HEADER = [
  'id',
  'occurredAt',
  'actorType',
  'actorId',
  'action',
  'targetType',
  'targetId',
  'installationId',
  'outcome',
  'details',
  'requestId',
];

/** An installation's audit log as its Administrator reads it: pages, or every event as CSV. */
@Injectable()
export class AuditLogService {
  constructor(private readonly repository: AuditRepository) {}

  async page(installationId: string, query: AuditQueryDto): Promise<AuditPageDto> {
    const filter = filterOf(installationId, query);
    // One more than a page: whether a next page exists, without a count.
    const rows = await this.repository.page({ ...filter, limit: filter.limit + 1 });
    const items = rows.slice(0, filter.limit);
    const last = items.at(-1);
    return {
      items: items.map(toAuditEventDto),
      nextCursor:
        rows.length > filter.limit && last
          ? encodeAuditCursor({ occurredAt: last.occurredAt, id: last.id })
          : null,
    };
  }

  /** Every matching event, read page by page while the answer streams (memory stays flat). */
  async csv(installationId: string, query: AuditQueryDto): Promise<StreamableFile> {
    const filter = { ...filterOf(installationId, query), limit: MAX_AUDIT_PAGE };
    const repository = this.repository;
    const first = await repository.page(filter);
    async function* records(): AsyncGenerator<CsvValue[]> {
      let rows = first;
      for (;;) {
        for (const row of rows) yield toCsvRecord(toAuditEventDto(row));
        const last = rows.at(-1);
        if (!last || rows.length < filter.limit) return;
        rows = await repository.page({
          ...filter,
          after: { occurredAt: last.occurredAt, id: last.id },
        });
      }
    }
    return csvFile(AUDIT_CSV_HEADER, records(), 'audit.csv');
  }
}

function filterOf(installationId: string, query: AuditQueryDto): AuditPageFilter {
  return {
    installationId,
    action: query.action,
    actorId: query.actorId,
    actorType: query.actorType,
    from: query.from === undefined ? undefined : parseCallerTime(query.from),
    to: query.to === undefined ? undefined : parseCallerTime(query.to),
    after: query.cursor === undefined ? undefined : decodeAuditCursor(query.cursor),
    limit: query.limit,
  };
}

export function toAuditEventDto(row: AuditEvent): AuditEventDto {
  return {
    id: row.id.toString(),
    occurredAt: row.occurredAt.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    installationId: row.installationId,
    outcome: row.outcome,
    details: row.details,
    requestId: row.requestId,
  };
}

function toCsvRecord(event: AuditEventDto): CsvValue[] {
  return [
    event.id,
    event.occurredAt,
    event.actorType,
    event.actorId,
    event.action,
    event.targetType,
    event.targetId,
    event.installationId,
    event.outcome,
    event.details === null ? null : JSON.stringify(event.details),
    event.requestId,
  ];
}
