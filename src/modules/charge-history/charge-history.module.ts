import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ChargeHistoryController } from './charge-history.controller';
import { ChargeHistoryService } from './charge-history.service';

/** Imports AuthModule for the RoleResolver: a charger filter is checked like a path id. */
@Module({
  imports: [AuthModule],
  controllers: [ChargeHistoryController],
  providers: [ChargeHistoryService],
})
export class ChargeHistoryModule {}
