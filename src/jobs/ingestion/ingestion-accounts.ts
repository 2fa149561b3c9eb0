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
   * signed in as the same account shares (credential-session.ts). Rejects when any account cannot
   * sign in now (after trying them all): an account left out would look like one that sees no
   * installations, and discovery would drop its chargers until the next round.
   */
  async signedIn(): Promise<CredentialSession[]> {
    if (this.sessions.length === 0 && !this.warned) {
      this.warned = true;
      this.logger.warn(
        'Ingestion has no Zaptec account: set ZAPTEC_USERNAME and ZAPTEC_PASSWORD (nothing is ingested)',
      );
    }
    const failures: unknown[] = [];
    for (const session of this.sessions) {
      await session.signIn().catch((error: unknown) => failures.push(error));
    }
    if (failures.length > 0) {
      throw new Error(`${failures.length} ingestion account(s) could not sign in`, {
        cause: failures[0],
      });
    }
    return this.sessions;
  }
}
