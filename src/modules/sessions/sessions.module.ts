import { Module } from '@nestjs/common';
import { AccessModule } from '../../core/auth/access.module';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/** Imports AccessModule for the RoleResolver: a charger filter is checked like a path id. */
@Module({
  imports: [AccessModule],
  controllers: [SessionsController],
  providers: [SessionsService],
})
export class SessionsModule {}
