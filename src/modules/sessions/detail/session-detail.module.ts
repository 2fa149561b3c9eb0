import { Module } from '@nestjs/common';
import { AccessModule } from '../../../core/auth/access.module';
import { MeterKeysModule } from '../../meter-keys/meter-keys.module';
import { SessionDetailController } from './session-detail.controller';
import { SessionDetailRepository } from './session-detail.repository';
import { SessionDetailService } from './session-detail.service';

/**
 * GET /v1/sessions/{id}: a stored session with its OCMF, parsed, checked and verified. Imports
 * AccessModule for the RoleResolver (the caller's roles on the session's installation).
 */
@Module({
  imports: [AccessModule, MeterKeysModule],
  controllers: [SessionDetailController],
  providers: [SessionDetailRepository, SessionDetailService],
})
export class SessionDetailModule {}
