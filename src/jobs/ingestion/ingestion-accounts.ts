import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CredentialSession } from '../../upstream/zaptec/credential-session';
import { type UpstreamTarget, ZAPTEC_UPSTREAM } from '../../upstream/zaptec/upstream-target';
import { ZaptecClient } from '../../upstream/zaptec/zaptec-client';

/**
 * Whose Zaptec sessions ingestion reads with: the service account (ZAPTEC_USERNAME/PASSWORD);
 * in demo mode without one, the demo admin and owner, so both demo installations are ingested;
 * otherwise none (ingestion then only elects a leader and says why it does nothing, once).
 */
@Injectable()
export class IngestionAccounts {
  private readonly logger = new Logger(IngestionAccounts.name);
  private readonly sessions: CredentialSession[];
  private warned = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(ZAPTEC_UPSTREAM) upstream: UpstreamTarget,
    client: ZaptecClient,
  ) {
    const service = config.upstream.serviceAccount;
    const accounts = service ? [service] : (upstream.demo?.ingestionAccounts ?? []);
    this.sessions = accounts.map(
      ({ username, password }) => new CredentialSession(client, username, password),
    );
  }

  /**
   * The sessions, each signed in first: its rate bucket is then its token's `sub`, the one a user
   * signed in as the same account shares (credential-session.ts). One that cannot sign in now is
   * left out of this round and tried again on the next.
   */
  async signedIn(): Promise<CredentialSession[]> {
    if (this.sessions.length === 0 && !this.warned) {
      this.warned = true;
      this.logger.warn(
        'Ingestion has no Zaptec account: set ZAPTEC_USERNAME and ZAPTEC_PASSWORD (nothing is ingested)',
      );
    }
    const ready: CredentialSession[] = [];
    for (const session of this.sessions) {
      try {
        await session.signIn();
        ready.push(session);
      } catch (error) {
        this.logger.warn({ err: error }, 'an ingestion account could not sign in; retried later');
      }
    }
    return ready;
  }
}
