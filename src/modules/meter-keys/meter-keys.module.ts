import { Module } from '@nestjs/common';
import { MeterKeysController } from './meter-keys.controller';
import { MeterKeysRepository } from './meter-keys.repository';
import { MeterKeysService } from './meter-keys.service';

/** Chargers' meter public keys, registered by installation managers, for OCMF verification. */
@Module({
  controllers: [MeterKeysController],
  providers: [MeterKeysRepository, MeterKeysService],
  exports: [MeterKeysService],
})
export class MeterKeysModule {}
