import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SimulatorContext } from '../context';
import { faultsSchema, NO_FAULTS } from '../faults';
import { meterPublicKey } from '../../world/ocmf';

const clockSchema = z
  .object({
    /** New speed: 1 real time, 0 stopped. */
    speed: z.number().min(0).max(100_000).optional(),
    /** Moves the clock forward and runs the world up to the new time. */
    advanceSeconds: z
      .number()
      .min(0)
      .max(366 * 24 * 3600)
      .optional(),
    /** ISO time to jump to (forward only: the world does not run backwards). */
    set: z.iso.datetime().optional(),
  })
  .strict();

const historyQuerySchema = z
  .object({ installationId: z.guid({ error: 'must be a GUID' }).optional() })
  .strict();

/**
 * The control surface for tests and demos: outside /api, never exposed by the gateway.
 * Bad input answers 400 with the reason and changes nothing.
 */
export function controlRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  const badRequest = (error: z.ZodError) => ({
    error: 'invalid body',
    issues: z.treeifyError(error),
  });

  app.get('/__sim/faults', () => ctx.faults);

  app.post('/__sim/faults', (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { revokeTokens, ...rest } = body;
    const parsed = faultsSchema.safeParse(rest);
    if (!parsed.success || (revokeTokens !== undefined && typeof revokeTokens !== 'boolean')) {
      return reply
        .status(400)
        .send(
          parsed.success ? { error: 'revokeTokens must be a boolean' } : badRequest(parsed.error),
        );
    }
    const revoked = revokeTokens ? ctx.tokens.revokeAll() : 0;
    ctx.faults = parsed.data;
    releaseHanging(ctx);
    return { ...ctx.faults, revokedTokens: revoked };
  });

  app.delete('/__sim/faults', () => {
    ctx.faults = NO_FAULTS;
    releaseHanging(ctx);
    return ctx.faults;
  });

  app.get('/__sim/stats', () => ctx.stats.snapshot());
  app.delete('/__sim/stats', () => {
    ctx.stats.reset();
    return ctx.stats.snapshot();
  });

  app.post('/__sim/reset', () => {
    ctx.reset();
    return { reset: true, now: ctx.world.clock.now().toISOString() };
  });

  // The simulator's own record of every committed session (oldest first, times ISO), without
  // roles or paging: what a check from outside the process compares ingested rows with.
  app.get('/__sim/history', (request, reply) => {
    const parsed = historyQuerySchema.safeParse(request.query ?? {});
    if (!parsed.success) return reply.status(400).send(badRequest(parsed.error));
    const wanted = parsed.data.installationId?.toLowerCase();
    if (wanted !== undefined && !ctx.world.installations.has(wanted)) {
      return reply.status(404).send({ error: 'no such installation' });
    }
    ctx.world.syncAll();
    const sessions = ctx.world.history.filter(
      (session) => wanted === undefined || session.installationId === wanted,
    );
    return { total: sessions.length, sessions };
  });

  // The public key of a charger's meter, which signs its OCMF (world/ocmf.ts). Real chargers
  // show it on their label or in the portal; OCMF leaves its transport out of band. The
  // Transparenzsoftware takes the hex of the DER SubjectPublicKeyInfo (publicKeyHex).
  app.get('/__sim/chargers/:id/meter-public-key', (request, reply) => {
    const id = (request.params as { id: string }).id.toLowerCase();
    if (!ctx.world.chargers.has(id)) return reply.status(404).send({ error: 'no such charger' });
    const key = meterPublicKey(id);
    return {
      chargerId: id,
      algorithm: key.algorithm,
      publicKey: key.pem,
      publicKeyHex: key.spkiHex,
      publicKeyPointHex: key.pointHex,
    };
  });

  const clockView = () => ({
    now: ctx.world.clock.now().toISOString(),
    speed: ctx.world.clock.speed,
  });
  app.get('/__sim/clock', clockView);
  app.post('/__sim/clock', (request, reply) => {
    const parsed = clockSchema.safeParse(request.body ?? {});
    if (!parsed.success) return reply.status(400).send(badRequest(parsed.error));
    const { speed, advanceSeconds, set } = parsed.data;
    const clock = ctx.world.clock;
    if (set !== undefined && Date.parse(set) < clock.nowMs()) {
      return reply
        .status(400)
        .send({ error: 'set must not be earlier than the current simulated time' });
    }
    ctx.world.syncAll();
    if (set !== undefined) clock.set(new Date(set));
    if (advanceSeconds !== undefined) clock.advance(advanceSeconds * 1000);
    if (speed !== undefined) clock.setSpeed(speed);
    ctx.world.syncAll();
    return clockView();
  });
}

/** Requests held by a `hang` fault are cut once the fault changes. */
function releaseHanging(ctx: SimulatorContext): void {
  for (const request of ctx.hanging) request.raw.socket.destroy();
  ctx.hanging.clear();
}
