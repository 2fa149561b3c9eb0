import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * GET /metrics is for the operator's scraper: open to a caller on this machine, and to anyone
 * presenting `Authorization: Bearer <METRICS_TOKEN>` when that is set. Everyone else gets the
 * very 404 of a route that does not exist, a wrong token included, so the endpoint is not
 * revealed to those who may not read it.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly tokenDigest: Buffer | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { token } = config.metrics;
    this.tokenDigest = token === undefined ? undefined : digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (isLocal(request) || this.hasToken(request)) return true;
    // Nest's own words for a route it does not know.
    throw new NotFoundException(`Cannot ${request.method} ${request.url}`);
  }

  private hasToken(request: FastifyRequest): boolean {
    const presented = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (this.tokenDigest === undefined || presented === undefined) return false;
    // Digests have one length, so the comparison takes the same time whatever was sent.
    return timingSafeEqual(digest(presented), this.tokenDigest);
  }
}

/**
 * Loopback by the socket's own address: X-Forwarded-For is never believed here, whatever
 * TRUST_PROXY says. A loopback request that carries a forwarding header came through a proxy on
 * this machine, on behalf of someone elsewhere, so it is not local.
 */
function isLocal(request: FastifyRequest): boolean {
  const { headers } = request;
  if (headers['x-forwarded-for'] !== undefined || headers.forwarded !== undefined) return false;
  return LOOPBACK.has(request.socket.remoteAddress ?? '');
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
