import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../../database/prisma.service';

@Injectable()
export class SessionDetailRepository {
  constructor(private readonly prisma: PrismaService) {}

  session(id: string) {
    return this.prisma.chargeSession.findUnique({ where: { id } });
  }
}

export type SessionRow = NonNullable<Awaited<ReturnType<SessionDetailRepository['session']>>>;
