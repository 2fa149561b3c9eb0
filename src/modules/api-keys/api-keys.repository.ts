import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';
import type { ApiKey } from '../../generated/prisma/client';

/** A stored key, as Prisma reads it from schema.prisma's ApiKey. */
export type ApiKeyRow = ApiKey;

/** What minting writes; the id, creation time and use/revocation times are the table's own. */
export type NewApiKey = Pick<
  ApiKey,
  'name' | 'prefix' | 'secretHash' | 'installationIds' | 'roleMask' | 'createdBy'
> & { readonly expiresAt: Date | undefined };

/** The ApiKey table; the only code that touches it. */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(key: NewApiKey): Promise<ApiKeyRow> {
    return this.prisma.apiKey.create({ data: key });
  }

  findByPrefix(prefix: string): Promise<ApiKeyRow | null> {
    return this.prisma.apiKey.findUnique({ where: { prefix } });
  }

  findById(id: string): Promise<ApiKeyRow | null> {
    return this.prisma.apiKey.findUnique({ where: { id } });
  }

  /** Live and revoked keys touching any of `installationIds`, newest first. */
  listFor(installationIds: string[]): Promise<ApiKeyRow[]> {
    return this.prisma.apiKey.findMany({
      where: { installationIds: { hasSome: installationIds } },
      orderBy: { createdAt: 'desc' },
    });
  }

  /** Revokes once: a second DELETE keeps the first time. Returns the row as it is now. */
  async revoke(id: string, at: Date): Promise<ApiKeyRow | null> {
    await this.prisma.apiKey.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: at },
    });
    return this.findById(id);
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.prisma.apiKey.update({ where: { id }, data: { lastUsedAt: at } });
  }
}
