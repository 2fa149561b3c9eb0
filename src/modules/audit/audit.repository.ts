import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';
import type { Prisma } from '../../generated/prisma/client';

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
}
