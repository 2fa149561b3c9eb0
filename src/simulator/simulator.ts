import formBody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { SimulatorContext, ServedConstants } from './http/context';
import { injectFault, NO_FAULTS } from './http/faults';
import { sendBindingError, sendEmpty, sendNginxError, sendUnauthorized } from './http/responses';
import { authRoutes } from './http/routes/auth.routes';
import { chargerRoutes } from './http/routes/chargers.routes';
import { commandRoutes } from './http/routes/commands.routes';
import { constantsRoutes } from './http/routes/constants.routes';
import { controlRoutes } from './http/routes/control.routes';
import { historyRoutes } from './http/routes/history.routes';
import { installationRoutes } from './http/routes/installations.routes';
import { StateCache } from './http/state-cache';
import { SimulatorStats } from './http/stats';
import { TokenBuckets } from './http/token-bucket';
import { TokenStore } from './http/token-store';
import { readSeedConstants } from '../seed/seed-constants';
import type { ConstantsVersion, SimulatorOptions } from './simulator-options';
import { World } from './world/world';

export interface RunningSimulator {
  app: FastifyInstance;
  context: SimulatorContext;
  /** e.g. http://127.0.0.1:3100 */
  url: string;
  close(): Promise<void>;
}

const TICK_MS = 1_000;

/** The seed files are copied into the project (src/seed) and served unchanged. */
export function loadConstants(version: ConstantsVersion): ServedConstants {
  const bytes = readSeedConstants(version);
  const parsed = JSON.parse(bytes.toString('utf8')) as {
    Commands: Record<string, number>;
    ErrorCodes: Record<string, number>;
    Settings: Record<string, number>;
  };
  const commands = Object.entries(parsed.Commands).filter(
    ([name]) => name !== 'Unknown' && name !== 'CombinedMin' && name !== 'CombinedMax',
  );
  return {
    bytes,
    commands: new Map(commands.map(([name, id]) => [id, name])),
    errorCodes: new Map(Object.entries(parsed.ErrorCodes)),
    settings: new Set(Object.values(parsed.Settings)),
  };
}

function newWorld(options: SimulatorOptions): World {
  return new World({
    start: options.start ?? new Date(),
    clockSpeed: options.clockSpeed,
    historyDays: options.historyDays,
    siteChargers: options.siteChargers,
    signedFlag: options.constantsVersion !== '4.7.0',
    proInstallationLimit: options.constantsVersion === '4.7.0',
  });
}

/** Builds the fake Zaptec cloud (not listening yet). */
export function createSimulator(options: SimulatorOptions): {
  app: FastifyInstance;
  context: SimulatorContext;
} {
  const context: SimulatorContext = {
    options,
    world: newWorld(options),
    constants: loadConstants(options.constantsVersion),
    tokens: new TokenStore(options.tokenTtlSeconds),
    buckets: new TokenBuckets(10, 15),
    stats: new SimulatorStats(),
    stateCache: new StateCache(options.stateCacheSeconds * 1000),
    faults: NO_FAULTS,
    hanging: new Set(),
    lastLogin: new Map(),
    reset() {
      context.world = newWorld(options);
      context.tokens.revokeAll();
      context.buckets.clear();
      context.stats.reset();
      context.stateCache = new StateCache(options.stateCacheSeconds * 1000);
      context.faults = NO_FAULTS;
      context.lastLogin.clear();
      for (const request of context.hanging) request.raw.socket.destroy();
      context.hanging.clear();
    },
  };

  // ASP.NET routes case-insensitively: HA calls /SendCommand/, evcc /sendCommand/ (§1).
  const app = Fastify({
    logger: false,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
  });
  void app.register(formBody);

  const isControl = (url: string) => url.slice(0, 6).toLowerCase() === '/__sim';
  const routeOf = (request: FastifyRequest) =>
    `${request.method} ${request.routeOptions.url ?? 'unmatched'}`;
  // A body of zero bytes is no body, whatever type it claims: ASP.NET never reads the body of an
  // action that takes none, so aiohttp's `application/octet-stream` + `Content-Length: 0` on
  // sendCommand and authorizecharge reaches the action (zaptec-api.md §13). Fastify would answer
  // 415 (or 400 for an empty JSON body) before any route ran.
  app.addHook('onRequest', (request, _reply, done) => {
    const { headers } = request;
    if (headers['content-length'] === '0' && headers['transfer-encoding'] === undefined) {
      delete headers['content-type'];
    }
    done();
  });
  app.addHook('onRequest', async (request, reply) => {
    if (isControl(request.url) || context.faults === NO_FAULTS) return;
    // Requests cut or held by a fault count in the stats with status 0 (no answer).
    const dropped = () => context.stats.record(routeOf(request), undefined, 0);
    if (await injectFault(context.faults, context.hanging, request, reply, dropped)) return reply;
  });
  app.addHook('onResponse', async (request, reply) => {
    if (isControl(request.url)) return;
    context.stats.record(routeOf(request), request.account?.email, reply.statusCode);
  });

  app.setNotFoundHandler((_request, reply) => sendEmpty(reply, 404));
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    if (error.statusCode && error.statusCode < 500) {
      return sendBindingError(
        reply,
        request.url.startsWith('/__sim') ? 'body' : '$',
        error.message,
      );
    }
    return sendEmpty(reply, 500);
  });

  constantsRoutes(app, context);
  authRoutes(app, context);
  controlRoutes(app, context);
  void app.register((api, _options, done) => {
    // Every other /api route needs a valid token, then passes the per-user limit (keyed by the
    // token's subject, as Zaptec's limiter is).
    api.addHook('onRequest', async (request, reply) => {
      const account = context.tokens.verify(request.headers.authorization);
      if (!account) return sendUnauthorized(reply);
      request.account = account;
      if (context.options.rateLimit && !context.buckets.take(account.id))
        return sendNginxError(reply, 429);
    });
    installationRoutes(api, context);
    chargerRoutes(api, context);
    commandRoutes(api, context);
    historyRoutes(api, context);
    done();
  });
  return { app, context };
}

/** Builds and listens; the world follows the clock in the background until `close()`. */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const { app, context } = createSimulator(options);
  await app.listen({ host: options.host, port: options.port });
  const ticker = setInterval(() => {
    if (context.world.clock.speed > 0) context.world.syncAll();
  }, TICK_MS);
  ticker.unref();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    app,
    context,
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    async close() {
      clearInterval(ticker);
      for (const request of context.hanging) request.raw.socket.destroy();
      await app.close();
    },
  };
}
