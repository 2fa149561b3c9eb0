import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';

export interface NewSession {
  subject: string;
  username: string;
  upstreamToken: string;
  upstreamExpiresAt: Date;
}

/** Sign-ins and their refresh tokens (hashed); the only code that touches those tables. */
@Injectable()
export class AuthSessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(session: NewSession, refresh: { tokenHash: string; expiresAt: Date }) {
    return this.prisma.authSession.create({
      data: {
        ...session,
        refreshTokens: {
          create: {
            subject: session.subject,
            tokenHash: refresh.tokenHash,
            expiresAt: refresh.expiresAt,
          },
        },
      },
    });
  }

  findSession(id: string) {
    return this.prisma.authSession.findUnique({ where: { id } });
  }

  findRefreshToken(tokenHash: string) {
    return this.prisma.refreshToken.findUnique({ where: { tokenHash }, include: { family: true } });
  }

  /**
   * Marks `id` as used and adds its successor, atomically: of two concurrent refreshes with one
   * token only one wins, the other counts as re-use.
   */
  async rotate(
    id: string,
    next: { familyId: string; subject: string; tokenHash: string; expiresAt: Date },
  ): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const used = await tx.refreshToken.updateMany({
        where: { id, rotatedAt: null, revokedAt: null },
        data: { rotatedAt: new Date() },
      });
      if (used.count !== 1) return false;
      await tx.refreshToken.create({ data: next });
      return true;
    });
  }

  /** Zaptec no longer accepts the sign-in's token: its upstream session ends `at` (not later). */
  async endUpstreamSession(id: string, at: Date): Promise<void> {
    await this.prisma.authSession.updateMany({
      where: { id, upstreamExpiresAt: { gt: at } },
      data: { upstreamExpiresAt: at },
    });
  }

  /** Ends a sign-in: the session and every refresh token of its family. */
  async revokeFamily(familyId: string, reason: string): Promise<void> {
    const now = new Date();
    await this.prisma.$transaction([
      this.prisma.authSession.updateMany({
        where: { id: familyId, revokedAt: null },
        data: { revokedAt: now, revokedReason: reason },
      }),
      this.prisma.refreshToken.updateMany({
        where: { familyId, revokedAt: null },
        data: { revokedAt: now },
      }),
    ]);
  }
}
