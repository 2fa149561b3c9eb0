import { HttpStatus, Logger } from '@nestjs/common';
import { ApiProblem } from '../../core/errors/problem';
import { LRUCache } from 'lru-cache';
import type { ApiKeyPrincipal, CredentialResolver } from '../../core/auth/principal';
import { unauthenticated } from '../../core/errors/auth-problems';
import type { UpstreamSession } from '../../upstream/zaptec/zaptec-client';
import { type ApiKeySecrets } from './api-key-secret';
import { type ApiKeyRow, type ApiKeysRepository } from './api-keys.repository';

/**
 * How long a key is trusted from memory: a revocation on another instance takes effect within
 * this time; on this instance DELETE drops it at once (`forget`).
 */
const KEY_CACHE_TTL_MS = 15_000;
/** lastUsedAt is a hint for humans; one write a minute per key, not one per request. */
const LAST_USED_EVERY_MS = 60_000;

interface KnownKey {
  readonly row: ApiKeyRow;
  readonly principal: ApiKeyPrincipal;
}

export const SERVICE_ACCOUNT_SESSION = Symbol('SERVICE_ACCOUNT_SESSION');

/** API key secret → ApiKeyPrincipal, from a map of keys kept in step with the database. */
export class ApiKeyPrincipals implements CredentialResolver {
  private readonly logger = new Logger(ApiKeyPrincipals.name);
  private readonly keys = new LRUCache<string, KnownKey | false>({
    max: 50_000,
    ttl: KEY_CACHE_TTL_MS,
    fetchMethod: (prefix) => this.load(prefix),
  });
  private readonly lastTouched = new LRUCache<string, true>({
    max: 50_000,
    ttl: LAST_USED_EVERY_MS,
  });

  constructor(
    private readonly repository: ApiKeysRepository,
    private readonly secrets: ApiKeySecrets,
    /** The service account; null when none is configured (keys then cannot act). */
    private readonly upstream: UpstreamSession | null,
  ) {}

  async resolve(secret: string): Promise<ApiKeyPrincipal> {
    // Without a service account no key can act; said before anything else, as it is the fix.
    if (!this.upstream) throw noServiceAccount();
    const prefix = this.secrets.prefixOf(secret);
    const known = prefix === undefined ? undefined : await this.keys.fetch(prefix);
    if (!known || !this.secrets.matches(secret, known.row.secretHash)) {
      throw unauthenticated('This API key is not valid (unknown, or revoked).');
    }
    const principal = this.usable(known, secret);
    if (!principal) throw refused(known.row);
    this.touch(principal.keyId);
    return principal;
  }

  peek(secret: string): ApiKeyPrincipal | undefined {
    const prefix = this.secrets.prefixOf(secret);
    const known = prefix === undefined ? undefined : this.keys.get(prefix);
    const principal = known ? this.usable(known, secret) : undefined;
    if (principal) this.touch(principal.keyId);
    return principal;
  }

  /** Drops a key from memory, so this instance refuses it from the next request on. */
  forget(prefix: string): void {
    this.keys.set(prefix, false);
  }

  private usable({ row, principal }: KnownKey, secret: string): ApiKeyPrincipal | undefined {
    if (row.revokedAt || isExpired(row)) return undefined;
    return this.secrets.matches(secret, row.secretHash) ? principal : undefined;
  }

  private async load(prefix: string): Promise<KnownKey | false> {
    const row = await this.repository.findByPrefix(prefix);
    if (!row || !this.upstream) return false; // resolve() refuses every key without one
    return {
      row,
      principal: {
        kind: 'apiKey',
        id: `apikey:${row.id}`,
        keyId: row.id,
        name: row.name,
        installationIds: row.installationIds.map((id) => id.toLowerCase()),
        roles: row.roleMask,
        createdBy: row.createdBy,
        expiresAt: row.expiresAt ?? undefined,
        upstream: this.upstream,
      },
    };
  }

  private touch(keyId: string): void {
    if (this.lastTouched.has(keyId)) return;
    this.lastTouched.set(keyId, true);
    this.repository.touch(keyId, new Date()).catch((error: unknown) => {
      this.logger.warn({ err: error, keyId }, 'could not record when the API key was last used');
    });
  }
}

function isExpired(row: ApiKeyRow): boolean {
  return row.expiresAt !== null && row.expiresAt.getTime() <= Date.now();
}

/** The key's own secret, but no longer usable: say why (its holder knew the secret). */
function refused(row: ApiKeyRow): Error {
  if (row.revokedAt) return unauthenticated('This API key has been revoked.');
  return unauthenticated(`This API key expired at ${row.expiresAt?.toISOString()}.`);
}

function noServiceAccount(): ApiProblem {
  return new ApiProblem(
    HttpStatus.FORBIDDEN,
    'SERVICE_ACCOUNT_NOT_CONFIGURED',
    'API keys call Zaptec as the gateway service account, and none is configured (ZAPTEC_USERNAME, ZAPTEC_PASSWORD).',
  );
}
