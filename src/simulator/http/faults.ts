import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendEmpty, sendNginxError, sendZaptecError } from './responses';

export const faultsSchema = z
  .object({
    /** Added before every answer. */
    latencyMs: z.number().int().min(0).max(120_000).default(0),
    /** Share of requests (0-1) answered with `errorKind` instead. */
    errorRate: z.number().min(0).max(1).default(0),
    errorKind: z.enum(['zaptec-500', 'empty-500', '502', '503', '504']).default('zaptec-500'),
    /** Every request answered 429 with Retry-After: 1. */
    rateLimitStorm: z.boolean().default(false),
    /** Requests are accepted and never answered. */
    hang: z.boolean().default(false),
    /** Connections are cut without an answer, as if the host were down. */
    outage: z.boolean().default(false),
    /** Path prefixes the faults apply to (case-insensitive); empty: all of /api and /oauth. */
    paths: z.array(z.string()).default([]),
  })
  .strict();

export type Faults = z.infer<typeof faultsSchema>;

export const NO_FAULTS: Faults = faultsSchema.parse({});

/**
 * Applies the configured faults to an upstream request; true when it answered (or dropped) the
 * request itself, so the route must not run.
 */
export async function injectFault(
  faults: Faults,
  hanging: Set<FastifyRequest>,
  request: FastifyRequest,
  reply: FastifyReply,
  /** Called for a request that will get no answer (outage, hang): no response hook sees it. */
  dropped: () => void,
): Promise<boolean> {
  const path = request.url.toLowerCase();
  if (
    faults.paths.length &&
    !faults.paths.some((prefix) => path.startsWith(prefix.toLowerCase()))
  ) {
    return false;
  }
  if (faults.outage) {
    dropped();
    request.raw.socket.destroy();
    return true;
  }
  if (faults.hang) {
    dropped();
    hanging.add(request);
    return new Promise<boolean>(() => undefined);
  }
  if (faults.latencyMs) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
  if (faults.rateLimitStorm) {
    sendNginxError(reply, 429);
    return true;
  }
  if (faults.errorRate && Math.random() < faults.errorRate) {
    if (faults.errorKind === 'zaptec-500')
      sendZaptecError(reply, 500, 'An unexpected error occurred.');
    else if (faults.errorKind === 'empty-500') sendEmpty(reply, 500);
    else sendNginxError(reply, Number(faults.errorKind) as 502 | 503 | 504);
    return true;
  }
  return false;
}
