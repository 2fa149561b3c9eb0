import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's security headers on every response, computed once at start. Ours are static (no CSP
 * nonces), and @fastify/helmet rebuilt them on every request: about 8% of a cache hit's CPU,
 * measured with `node --cpu-prof` under `npm run bench`'s load. Helmet still decides them.
 */
export function addSecurityHeaders(
  fastify: FastifyInstance,
  headers: Readonly<Record<string, string>>,
): void {
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}

/** The gateway's headers: helmet's defaults, with what Swagger UI at /docs needs. */
export function gatewaySecurityHeaders(): Record<string, string> {
  return helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Swagger UI needs its inline bootstrap script and styles; nothing else is allowed inline.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        // Would send /docs' assets to https:// when the gateway is reached over plain http.
        upgradeInsecureRequests: null,
      },
    },
  });
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
