import { Global, Module } from '@nestjs/common';
import { ConstantsController } from './constants.controller';
import { ConstantsService } from './constants.service';

/** Global: every domain decodes names (commands, observations, roles) through it. */
@Global()
@Module({
  controllers: [ConstantsController],
  providers: [ConstantsService],
  exports: [ConstantsService],
})
export class ConstantsModule {}
