import helmet from '@fastify/helmet';
import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { type AppConfig, loadConfig } from './config/app-config';
import { ProblemExceptionFilter } from './core/errors/problem-exception.filter';
import { createValidationPipe } from './core/errors/validation';
import { echoRequestId, generateRequestId } from './core/http/request-id';
import { setupOpenApi } from './core/openapi/openapi';

export interface CreateAppOptions {
  /** Defaults to the validated process environment. */
  config?: AppConfig;
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
  const adapter = new FastifyAdapter({
    // Client addresses feed throttling and logs, so X-Forwarded-For is believed only from the
    // proxies TRUST_PROXY names (a spoofed header from anyone else is ignored).
    trustProxy: trustProxyOption(config.http.trustProxy),
    // Idle keep-alive sockets are closed at shutdown so close() does not wait for clients.
    forceCloseConnections: 'idle',
    bodyLimit: 1024 * 1024,
    genReqId: generateRequestId,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    // Start-up errors reach the caller (main.ts prints them; tests see them) instead of exit(1).
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  // Swagger UI needs its inline bootstrap script and styles; nothing else is allowed inline.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        // Would send /docs' assets to https:// when the gateway is reached over plain http.
        upgradeInsecureRequests: null,
      },
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  echoRequestId(fastify);

  app.enableVersioning({ type: VersioningType.URI });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemExceptionFilter());
  setupOpenApi(app);

  await app.init();
  await fastify.ready();
  return app;
}
