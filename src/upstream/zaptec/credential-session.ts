import { subjectOf } from './token-subject';
import type { UpstreamSession, ZaptecClient } from './zaptec-client';

/** Renew this long before Zaptec's own expiry (86399 s), so no call meets an expired token. */
const RENEW_MARGIN_MS = 5 * 60_000;

/**
 * An upstream session that signs in with stored credentials: the gateway's service account.
 * Tokens are reused until shortly before they expire (Zaptec has no working refresh, §2), and an
 * upstream 401 gets exactly one fresh login.
 */
export class CredentialSession implements UpstreamSession {
  private subject: string | undefined;
  private token: { value: string; renewAt: number } | undefined;

  constructor(
    private readonly client: ZaptecClient,
    private readonly username: string,
    private readonly password: string,
  ) {}

  /**
   * The rate bucket: the token's `sub` once signed in, as for a signed-in user's own session.
   * Zaptec counts per user, so the service account and that same user signed in through the app
   * must share one local bucket, or the two together could send twice the limit (429s).
   * Before the first sign-in it is the username; `signIn()` first to avoid that window.
   */
  get account(): string {
    return this.subject ?? this.username.toLowerCase();
  }

  /** Signs in now (if not yet), so every call is counted in the bucket of the token's `sub`. */
  async signIn(): Promise<void> {
    await this.accessToken();
  }

  async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.renewAt) return this.token.value;
    const issued = await this.client.login(this.username, this.password);
    const lifetimeMs = issued.expires_in * 1000;
    this.subject = subjectOf(issued.access_token, this.username);
    this.token = {
      value: issued.access_token,
      renewAt: Date.now() + Math.max(lifetimeMs - RENEW_MARGIN_MS, lifetimeMs / 2),
    };
    return this.token.value;
  }

  async renew(): Promise<boolean> {
    this.token = undefined;
    await this.accessToken();
    return true;
  }
}
