import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';
import type { AuditEvent, Prisma } from '../../generated/prisma/client';
import type { AuditCursor } from './audit-cursor';

export interface AuditPageFilter {
  readonly installationId: string;
  readonly action?: string;
  readonly actorId?: string;
  readonly actorType?: 'USER' | 'API_KEY' | 'SYSTEM';
  readonly from?: Date;
  readonly to?: Date;
  readonly after?: AuditCursor;
  readonly limit: number;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(event: Prisma.AuditEventCreateInput): Promise<void> {
    await this.prisma.auditEvent.create({ data: event });
  }

  forTarget(targetId: string) {
    return this.prisma.auditEvent.findMany({
      where: { targetId },
      orderBy: { occurredAt: 'asc' },
    });
  }

  /**
   * One page of an installation's events, newest first, keyset-paged on (occurredAt, id): a
   * range of the (installationId, occurredAt) index, and events written meanwhile never shift
   * a page (they are newer than any cursor).
   */
  page(filter: AuditPageFilter): Promise<AuditEvent[]> {
    const { after } = filter;
    return this.prisma.auditEvent.findMany({
      where: {
        installationId: filter.installationId,
        action: filter.action,
        actorId: filter.actorId,
        actorType: filter.actorType,
        occurredAt: { gte: filter.from, lt: filter.to },
        ...(after && {
          OR: [
            { occurredAt: { lt: after.occurredAt } },
            { occurredAt: after.occurredAt, id: { lt: after.id } },
          ],
        }),
      },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: filter.limit,
    });
  }
}
