import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';

export interface StoredMeterKey {
  readonly chargerId: string;
  /** DER SPKI hex, lowercase. */
  readonly publicKey: string;
  readonly algorithm: string;
  readonly registeredBy: string;
  readonly registeredAt: Date;
}

@Injectable()
export class MeterKeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Registers or replaces the charger's key (a meter exchange brings a new one). */
  save(key: Omit<StoredMeterKey, 'registeredAt'>): Promise<StoredMeterKey> {
    const data = { ...key, registeredAt: new Date() };
    return this.prisma.chargerMeterKey.upsert({
      where: { chargerId: key.chargerId },
      create: data,
      update: data,
    });
  }

  find(chargerId: string): Promise<StoredMeterKey | null> {
    return this.prisma.chargerMeterKey.findUnique({ where: { chargerId } });
  }
}
