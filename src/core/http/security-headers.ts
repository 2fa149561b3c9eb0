import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** The two header sets: JSON (and CSV) answers, and the documents of Swagger UI. */
export interface SecurityHeaders {
  readonly api: Readonly<Record<string, string>>;
  readonly document: Readonly<Record<string, string>>;
}

/**
 * Helmet's security headers on every response, computed once at start. Ours are static (no CSP
 * nonces), and @fastify/helmet rebuilt them on every request: about 8% of a cache hit's CPU,
 * measured with `node --cpu-prof` under `npm run bench`'s load. Helmet still decides them.
 * `docsPath` (`/docs`, without the `-json`/`-yaml` documents) gets the document set.
 */
export function addSecurityHeaders(
  fastify: FastifyInstance,
  headers: SecurityHeaders,
  docsPath: string,
): void {
  const isDocument = (url: string) =>
    url === docsPath || url.startsWith(`${docsPath}/`) || url.startsWith(`${docsPath}?`);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(isDocument(request.url) ? headers.document : headers.api);
    done();
  });
}

/**
 * The gateway's headers. An API answer gets what OWASP's REST Security Cheat Sheet lists for
 * every API response (a CSP that allows nothing and no framing, HSTS, nosniff, X-Frame-Options
 * DENY) plus no-referrer and same-origin CORP; helmet's headers for HTML documents
 * (Cross-Origin-Opener-Policy, Origin-Agent-Cluster, X-DNS-Prefetch-Control, X-Download-Options,
 * X-Permitted-Cross-Domain-Policies, X-XSS-Protection) have no effect on JSON, and on a cache
 * hit half the header bytes were theirs. Swagger UI at /docs keeps helmet's defaults, with what
 * it needs.
 */
export function gatewaySecurityHeaders(): SecurityHeaders {
  return {
    api: helmetHeaders({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
      xFrameOptions: { action: 'deny' },
      crossOriginOpenerPolicy: false,
      originAgentCluster: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    }),
    document: helmetHeaders({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // Swagger UI needs its inline bootstrap script and styles; nothing else is inline.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          // Would send /docs' assets to https:// when the gateway is reached over plain http.
          upgradeInsecureRequests: null,
        },
      },
    }),
  };
}

/** Runs helmet's middleware once on a recording response and keeps what it set. */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let done = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => {
    done = true;
  });
  // Helmet's middleware is synchronous for static options; anything else would be a surprise.
  if (!done) throw new Error('helmet did not finish synchronously');
  return headers;
}
