/**
 * `npm run simulators`: every vendor simulator as its own server (./standalone.ts). Prints, one per line, the
 * variables the app needs to use them (`NAME=value`, generated credentials included: they are simulator keys),
 * then `simulators ready`; stops on SIGTERM/SIGINT.
 */
import { loadSimulatorSettings, SimulatorSettingsError } from './settings.js';
import { startSimulators } from './standalone.js';

async function main(): Promise<void> {
  let settings;
  try {
    settings = loadSimulatorSettings();
  } catch (err) {
    if (err instanceof SimulatorSettingsError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const running = await startSimulators(settings, process.env.SIMULATORS_LOG === 'on');
  for (const s of running.simulators) process.stdout.write(`# ${s.vendorId} simulator on ${s.url}\n`);
  for (const [name, value] of Object.entries(running.appEnv)) process.stdout.write(`${name}=${value}\n`);
  process.stdout.write('simulators ready\n');
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
