import type { FastifyInstance } from 'fastify';
import type { SimulatorContext } from '../context';

export function constantsRoutes(app: FastifyInstance, ctx: SimulatorContext): void {
  // Served without a token, as the real one is, and byte for byte as the seed file.
  app.get('/api/constants', (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(ctx.constants.bytes),
  );
}
