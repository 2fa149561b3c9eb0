import { unauthenticated } from '../errors/auth-problems';
import type {
  CredentialHeaders,
  CredentialResolver,
  Principal,
  PrincipalResolver,
} from './principal';

/** What every API key secret starts with, so one in `Authorization: Bearer` is told apart. */
export const API_KEY_PREFIX = 'zgw_';

export const API_KEY_HEADER = 'x-api-key';

type Credential = { readonly scheme: 'user' | 'apiKey'; readonly value: string };

/**
 * The one place a request's credential is read: `X-Api-Key: zgw_…`, or `Authorization: Bearer`
 * with a gateway access token or an API key secret. The guard and the cache's hot path both ask
 * here, so they can never disagree on who is calling.
 */
export class Principals implements PrincipalResolver {
  constructor(
    private readonly users: CredentialResolver,
    private readonly keys: CredentialResolver,
  ) {}

  async fromHeaders(headers: CredentialHeaders): Promise<Principal> {
    const credential = credentialOf(headers);
    if (!credential) {
      throw unauthenticated(
        'Send an access token from POST /v1/auth/login as `Authorization: Bearer <token>`, or an API key as `X-Api-Key: zgw_…`.',
        false,
      );
    }
    return (credential.scheme === 'apiKey' ? this.keys : this.users).resolve(credential.value);
  }

  peekHeaders(headers: CredentialHeaders): Principal | undefined {
    const credential = credentialOf(headers);
    if (!credential) return undefined;
    return (credential.scheme === 'apiKey' ? this.keys : this.users).peek(credential.value);
  }
}

/**
 * `Authorization` first: a generated client given one credential for "every scheme" sends it in
 * both headers, and the bearer header is where either kind is told apart by its `zgw_` prefix.
 */
function credentialOf(headers: CredentialHeaders): Credential | undefined {
  const token = bearerTokenOf(single(headers.authorization));
  if (token !== undefined) {
    return { scheme: token.startsWith(API_KEY_PREFIX) ? 'apiKey' : 'user', value: token };
  }
  const key = single(headers[API_KEY_HEADER])?.trim();
  return key ? { scheme: 'apiKey', value: key } : undefined;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  return header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
}
