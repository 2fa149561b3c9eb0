import type { FastifyInstance } from 'fastify';
import { findAccount } from '../../world/demo-data';
import type { SimulatorContext } from '../context';
import { sendNginxError } from '../responses';

// About one login per second per user; hammering gets nginx's 503 page (zaptec-api.md §2).
const LOGIN_INTERVAL_MS = 1_000;
const ACCEPTED_SCOPES = new Set(['openid', 'offline_access']);

function oauthError(error: string, description: string): string {
  return JSON.stringify({ error, error_description: description });
}

export function authRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  // evcc finds the token endpoint through OIDC discovery (zaptec-api.md §2, S3 auth.go).
  app.get('/.well-known/openid-configuration', (request) => {
    const base = `${request.protocol}://${request.host}`;
    return {
      issuer: `${base}/`,
      token_endpoint: `${base}/oauth/token`,
      grant_types_supported: ['password'],
      scopes_supported: ['openid', 'offline_access'],
      response_types_supported: ['token'],
      token_endpoint_auth_methods_supported: ['none', 'client_secret_post'],
    };
  });

  app.post('/oauth/token', (request, reply) => {
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    const username = form.username ?? '';
    // The limit is per user: password grants are counted by username, failed ones included
    // (that is what hammering is).
    if (username) {
      const now = Date.now();
      const last = ctx.lastLogin.get(username.toLowerCase());
      if (last !== undefined && now - last < LOGIN_INTERVAL_MS) return sendNginxError(reply, 503);
      ctx.lastLogin.set(username.toLowerCase(), now);
    }

    const json = (status: number, body: string) =>
      reply
        .status(status)
        .type('application/json; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(body);
    if (form.grant_type === 'refresh_token') {
      // Refreshing never works upstream; OpenIddict answers this (zaptec-api.md §2, evcc#25208).
      return json(
        400,
        JSON.stringify({
          error: 'invalid_grant',
          error_description: 'The specified refresh token is invalid.',
          error_uri: 'https://documentation.openiddict.com/errors/ID2003',
        }),
      );
    }
    if (form.grant_type !== 'password') {
      return json(
        400,
        oauthError('unsupported_grant_type', 'The specified grant type is not supported.'),
      );
    }
    const scopes = (form.scope ?? '').split(' ').filter(Boolean);
    if (scopes.some((scope) => !ACCEPTED_SCOPES.has(scope))) {
      return json(400, oauthError('invalid_scope', 'The specified scope is invalid.'));
    }
    const account = findAccount(username);
    if (!account || account.password !== form.password) {
      return json(400, oauthError('invalid_grant', 'The username/password couple is invalid.'));
    }
    return json(200, JSON.stringify(ctx.tokens.issue(account)));
  });
}
