import type { FastifyInstance } from 'fastify';

/** Someone opening the gateway's address in a browser lands on the API docs, not on a 404. */
export function redirectRootToDocs(fastify: FastifyInstance, docsPath: string): void {
  fastify.get('/', (_request, reply) => reply.redirect(`/${docsPath}`, 302));
}
