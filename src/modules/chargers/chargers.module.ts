import { Module } from '@nestjs/common';
import { ChargerCommandsController } from './charger-commands.controller';
import { ChargerCommandsService } from './charger-commands.service';
import { ChargerStatePoll } from './charger-state-poll';
import { ChargersController } from './chargers.controller';
import { ChargersService } from './chargers.service';
import { CommandIdempotency } from './command-idempotency';
import { RecentCommands } from './recent-commands';

/** Chargers: list, detail, live state, settings, commands by name, charge authorization. */
@Module({
  controllers: [ChargersController, ChargerCommandsController],
  providers: [
    ChargersService,
    ChargerCommandsService,
    CommandIdempotency,
    RecentCommands,
    ChargerStatePoll,
  ],
  exports: [ChargersService, ChargerStatePoll],
})
export class ChargersModule {}
