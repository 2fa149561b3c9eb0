import { Module } from '@nestjs/common';
import { ChargerCommandsController } from './charger-commands.controller';
import { ChargerCommandsService } from './charger-commands.service';
import { ChargersController } from './chargers.controller';
import { ChargersService } from './chargers.service';
import { CommandIdempotency } from './command-idempotency';

/** Chargers: list, detail, live state, settings, commands by name, charge authorization. */
@Module({
  controllers: [ChargersController, ChargerCommandsController],
  providers: [ChargersService, ChargerCommandsService, CommandIdempotency],
  exports: [ChargersService],
})
export class ChargersModule {}
