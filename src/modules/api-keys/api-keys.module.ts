import { Module } from '@nestjs/common';
import { ApiKeyCredentialsModule } from './api-key-credentials.module';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';

/** `/v1/api-keys`: partners' keys, recognised by the access module (core/auth). */
@Module({
  imports: [ApiKeyCredentialsModule],
  controllers: [ApiKeysController],
  providers: [ApiKeysService],
})
export class ApiKeysModule {}
