/**
 * The Tencent simulator alone in its own process, enforcing the published 5 req/s, as a remote
 * vendor would be: its arrival clock is not stalled by the proxy's own work. Prints its URL.
 */
import Fastify from 'fastify';
import { tencentSimulator } from '../server/providers/tencent/simulator/simulator.js';

const app = Fastify({ bodyLimit: 16 * 1024 * 1024 });
await app.register(tencentSimulator, {
  prefix: '/sim/tencent',
  secretId: process.env.SIM_SECRET_ID ?? 'AKIDbench',
  secretKey: process.env.SIM_SECRET_KEY ?? 'bench-secret',
  maxRequestsPerSecond: 5,
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`SIM_URL=${url}`);
