// Baseline for the simulator benchmark: a bare Fastify server that answers every GET with a
// fixed body of the same size as a charger state array. What the simulator adds on top of this
// (auth, limits, faults, stats, the world) is what the ratio shows.
import Fastify from 'fastify';

const body = process.argv[2] ?? '[]';
const app = Fastify({ logger: false });
app.get('/*', (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening ${app.server.address().port}\n`);
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
