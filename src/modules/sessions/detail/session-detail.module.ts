import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { MeterKeysModule } from '../../meter-keys/meter-keys.module';
import { SessionDetailController } from './session-detail.controller';
import { SessionDetailRepository } from './session-detail.repository';
import { SessionDetailService } from './session-detail.service';

/**
 * GET /v1/sessions/{id}: a stored session with its OCMF, parsed, checked and verified. Imports
 * AuthModule for the RoleResolver (the caller's roles on the session's installation).
 */
@Module({
  imports: [AuthModule, MeterKeysModule],
  controllers: [SessionDetailController],
  providers: [SessionDetailRepository, SessionDetailService],
})
export class SessionDetailModule {}
