import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CredentialSession } from '../../upstream/zaptec/credential-session';
import { type UpstreamTarget, ZAPTEC_UPSTREAM } from '../../upstream/zaptec/upstream-target';
import { ZaptecClient } from '../../upstream/zaptec/zaptec-client';
import { ApiKeyPrincipals, SERVICE_ACCOUNT_SESSION } from './api-key-principals';
import { ApiKeySecrets } from './api-key-secret';
import { ApiKeysRepository } from './api-keys.repository';

/**
 * What the access module needs to recognise an API key, apart from the key routes (which use the
 * access module in turn). Keys call Zaptec as the gateway's service account: ZAPTEC_USERNAME and
 * ZAPTEC_PASSWORD, in demo mode without them the demo admin.
 */
@Module({
  providers: [
    ApiKeysRepository,
    {
      provide: ApiKeySecrets,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new ApiKeySecrets(config.auth.apiKeyHashKey),
    },
    {
      provide: SERVICE_ACCOUNT_SESSION,
      inject: [APP_CONFIG, ZAPTEC_UPSTREAM, ZaptecClient],
      useFactory: (config: AppConfig, upstream: UpstreamTarget, client: ZaptecClient) => {
        const account = config.upstream.serviceAccount ?? upstream.demo?.serviceAccount;
        return account ? new CredentialSession(client, account.username, account.password) : null;
      },
    },
    {
      provide: ApiKeyPrincipals,
      inject: [ApiKeysRepository, ApiKeySecrets, SERVICE_ACCOUNT_SESSION],
      useFactory: (
        repository: ApiKeysRepository,
        secrets: ApiKeySecrets,
        session: CredentialSession | null,
      ) => new ApiKeyPrincipals(repository, secrets, session),
    },
  ],
  exports: [ApiKeysRepository, ApiKeySecrets, ApiKeyPrincipals, SERVICE_ACCOUNT_SESSION],
})
export class ApiKeyCredentialsModule {}
