/** Entry point: `npm start` (after building the SPA) or `npm run serve`. */
import { createServer } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { startupBanner } from './ops/banner.js';

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
  // The generated first admin's password goes into the banner, printed once the server listens.
  let firstAdmin: { email: string; password: string } | undefined;
  const server = await createServer(config, { announce: (_text, admin) => (firstAdmin = admin) });
  const url = await server.start();
  const providers = [...server.gateways.values()].map(({ provider }) => provider);
  const modes = providers.map((p) => `${p.id}=${p.mode}`).join(', ');
  server.app.log.info(`Listening on ${url} (providers: ${modes}; store: ${server.store.kind})`);
  // Off a terminal (a container, a pipe) stdout carries JSON logs: the banner only when it holds the one-time password.
  if (process.stdout.isTTY || firstAdmin)
    process.stdout.write(
      startupBanner({
        baseUrl: config.publicBaseUrl ?? url,
        simulated: providers.some((p) => p.mode === 'simulated'),
        firstAdmin,
        color: process.stdout.isTTY === true && process.stdout.hasColors(),
      }),
    );
  const bound = config.shutdownTimeoutMs;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal, timeoutSeconds: bound / 1000 }, 'shutting down');
    // The last resort, should a step ignore its bound: exit anyway at the bound.
    setTimeout(() => {
      server.app.log.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, bound).unref();
    // The steps share the bound minus a margin for the log lines and the exit itself.
    const { drained, unfinishedChecks } = await server.shutdown(bound - Math.min(1000, bound / 5));
    if (drained) server.app.log.info('shut down');
    else
      server.app.log.warn(
        { unfinishedChecks },
        'shutdown bound reached; unfinished work stays in the store for the next process',
      );
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
