/** Entry point: `npm start` (after building the SPA) or `npm run serve`. */
import { createServer } from './app.js';
import { ConfigError, loadConfig } from './config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const server = await createServer(config);
  const url = await server.start();
  const modes = [...server.gateways.values()].map(({ provider: p }) => `${p.id}=${p.mode}`).join(', ');
  server.app.log.info(`Listening on ${url} (providers: ${modes}; store: ${server.store.kind})`);
  const shutdown = async (signal: string) => {
    server.app.log.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
