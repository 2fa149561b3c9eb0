import { Module } from '@nestjs/common';
import { AccessModule } from '../../core/auth/access.module';
import { ChargeHistoryController } from './charge-history.controller';
import { ChargeHistoryService } from './charge-history.service';

/** Imports AccessModule for the RoleResolver: a charger filter is checked like a path id. */
@Module({
  imports: [AccessModule],
  controllers: [ChargeHistoryController],
  providers: [ChargeHistoryService],
})
export class ChargeHistoryModule {}
