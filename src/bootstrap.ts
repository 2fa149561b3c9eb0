import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { registerCacheHooks } from './cache/http/cache-hooks';
import { CacheHotPath } from './cache/http/cache-hot-path';
import { CacheFrontDoor } from './cache/http/front-door';
import { type AppConfig, loadConfig } from './config/app-config';
import { ProblemExceptionFilter } from './core/errors/problem-exception.filter';
import { createValidationPipe } from './core/errors/validation';
import { registerBodyParsers } from './core/http/body-parsers';
import { answerClientError } from './core/http/client-errors';
import { enableCors } from './core/http/cors';
import { addSecurityHeaders, gatewaySecurityHeaders } from './core/http/security-headers';
import { RequestLineWriter } from './core/logging/request-line-writer';
import { echoRequestId, generateRequestId } from './core/http/request-id';
import { redirectRootToDocs } from './core/http/root-redirect';
import { GatewayLogger } from './core/logging/gateway-logger';
import { logRequests } from './core/logging/request-logging';
import { RateLimits } from './core/rate-limit/rate-limits';
import { MetricsService } from './core/metrics/metrics.service';
import { measureRequests } from './core/metrics/request-metrics';
import { createRootLogger } from './core/logging/root-logger';
import { DOCS_PATH, setupOpenApi } from './core/openapi/openapi';

export interface CreateAppOptions {
  /** Defaults to the validated process environment. */
  config?: AppConfig;
  /** Where log lines go (default: stdout); tests pass a stream to read them. */
  logDestination?: DestinationStream;
}

/** Fastify counts hops with a function: trust the `hops` nearest proxies, nobody further out. */
function trustProxyOption(setting: boolean | number | string[]) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

/**
 * Builds the gateway exactly as it runs in production; `main.ts`, every e2e test and the
 * benchmarks call this, so what is tested is what users run. The caller decides when to listen.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config = options.config ?? loadConfig();
  const logger = createRootLogger(config.log, options.logDestination);
  const securityHeaders = gatewaySecurityHeaders();
  const lines = new RequestLineWriter(logger, { hitLinesPerSecond: config.log.hitLinesPerSecond });
  // Cached hits are answered in front of Fastify (cache/http/front-door.ts); with CORS on,
  // through Nest, so that every answer carries @fastify/cors' headers.
  const frontDoor =
    config.cache.enabled && config.http.corsOrigins.length === 0
      ? new CacheFrontDoor({ securityHeaders: securityHeaders.api, log: logger, lines })
      : undefined;
  const adapter = new FastifyAdapter({
    ...(frontDoor && { serverFactory: frontDoor.serverFactory }),
    // Client addresses feed throttling and logs, so X-Forwarded-For is believed only from the
    // proxies TRUST_PROXY names (a spoofed header from anyone else is ignored).
    trustProxy: trustProxyOption(config.http.trustProxy),
    // Idle keep-alive sockets are closed at shutdown so close() does not wait for clients.
    forceCloseConnections: 'idle',
    bodyLimit: 1024 * 1024,
    genReqId: generateRequestId,
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new GatewayLogger(logger),
    // Start-up errors reach the caller (main.ts prints them; tests see them) instead of exit(1).
    abortOnError: false,
    // Ours are registered below, for every route alike (core/http/body-parsers.ts).
    bodyParser: false,
  });

  const fastify = app.getHttpAdapter().getInstance();
  addSecurityHeaders(fastify, securityHeaders, `/${DOCS_PATH}`);
  await enableCors(app, config.http.corsOrigins);
  logRequests(fastify, logger, lines);
  measureRequests(fastify, app.get(MetricsService));
  echoRequestId(fastify);
  registerBodyParsers(fastify);
  redirectRootToDocs(fastify, DOCS_PATH);
  registerCacheHooks(fastify, config.cache.enabled, frontDoor);

  app.enableVersioning({ type: VersioningType.URI });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemExceptionFilter());
  setupOpenApi(app);

  await app.init();
  await fastify.ready();
  frontDoor?.open(app.get(CacheHotPath), app.get(MetricsService), app.get(RateLimits));
  return app;
}
