import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Principal } from '../auth/principal';
import { ApiProblem } from '../errors/problem';
import { MetricsService } from '../metrics/metrics.service';
import { type RateDecision, RateLimiter, rateLimitHeaders } from './rate-limiter';

/** Where the cache's front door leaves its decision, so the guard does not count the request twice. */
export const RATE_DECISION = Symbol('zaptec-gateway:rate-decision');

/** A Node request the front door counted (and handed on to Nest, refused). */
export interface RateCounted {
  [RATE_DECISION]?: RateDecision;
}

/**
 * The per-caller limits (RATE_LIMIT_PER_KEY, RATE_LIMIT_PER_USER per RATE_LIMIT_WINDOW_S): every
 * authenticated request counts once against its principal, whether the cache's front door or
 * the guard answers it, so cached hits spend the same quota as calls that reach Zaptec.
 */
@Injectable()
export class RateLimits {
  private readonly limiter: RateLimiter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    this.limiter = new RateLimiter(config.rateLimit.windowMs);
  }

  /** Counts one request of `principal`; undefined when its kind has no limit. */
  take(principal: Principal): RateDecision | undefined {
    const { perKey, perUser } = this.config.rateLimit;
    const decision =
      principal.kind === 'apiKey'
        ? this.limiter.take('per-key', principal.id, perKey)
        : this.limiter.take('per-user', principal.id, perUser);
    if (decision && !decision.allowed) this.metrics.rateLimited(decision.policy);
    return decision;
  }
}

/** The 429 of a caller past its quota, with the headers that say when to come back. */
export function rateLimited(decision: RateDecision): ApiProblem {
  const limit = decision.policy === 'per-key' ? 'This API key' : 'You';
  return new ApiProblem(
    HttpStatus.TOO_MANY_REQUESTS,
    'RATE_LIMITED',
    `${limit} made ${decision.quota} requests in ${decision.windowS} s; try again in ${decision.resetS} s.`,
    {
      details: { policy: decision.policy, quota: decision.quota, windowSeconds: decision.windowS },
    },
    headerRecord(decision),
  );
}

/** rateLimitHeaders as a record (what Fastify's `reply.headers` and ApiProblem take). */
export function headerRecord(decision: RateDecision): Record<string, string> {
  const list = rateLimitHeaders(decision);
  const record: Record<string, string> = {};
  for (let index = 0; index < list.length; index += 2) record[list[index]] = list[index + 1];
  return record;
}
