import cors from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Lets the web front ends of CORS_ORIGINS call the API from a browser; no origin is allowed by
 * default. Calls carry bearer tokens, not cookies, so no credentials mode.
 */
export async function enableCors(
  app: NestFastifyApplication,
  origins: readonly string[],
): Promise<void> {
  if (!origins.length) return;
  await app.register(cors, {
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'Idempotency-Key',
      'X-Request-Id',
      'If-None-Match',
    ],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed', 'X-Cache', 'ETag'],
    maxAge: 600,
  });
}
