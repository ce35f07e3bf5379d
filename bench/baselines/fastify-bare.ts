/** Baseline (b) of the commands bench: a bare Fastify route with no I/O. PORT from the environment. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/api/initiatives/:id/kpis/:kpiId/measurements', async (_request, reply) => reply.code(201).send({ position: 0 }));
void app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => process.stdout.write('listening\n'));
