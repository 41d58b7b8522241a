/**
 * `npm run simulators` as a child process (the multi-process test, the scale-out bench): starts the named vendors'
 * simulators on free ports and resolves with what the process printed — the app's variables for them and each
 * simulator's URL.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { aheadOfTests } from './ahead-of-tests.js';
import { repoRoot } from './test-server.js';

export interface SimulatorsProcess {
  /** The app's variables (credentials and endpoints), as `npm run simulators` printed them. */
  appEnv: Record<string, string>;
  /** vendor id → http://host:port */
  urls: Record<string, string>;
  stop(): void;
}

export async function startSimulatorsProcess(vendors: string[], env: Record<string, string> = {}): Promise<SimulatorsProcess> {
  const child = spawn(...aheadOfTests(process.execPath, ['--import', 'tsx', 'server/simulators/main.ts']), {
    cwd: repoRoot,
    env: { ...process.env, SIMULATORS: vendors.join(','), SIMULATORS_BASE_PORT: '0', SIMULATOR_CONTROL: 'open', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const appEnv: Record<string, string> = {};
  const urls: Record<string, string> = {};
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the simulators exited (${code}) before they were ready`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'simulators ready') resolve();
      const started = /^# (\S+) simulator on (\S+)$/.exec(line);
      if (started) urls[started[1]!] = started[2]!;
      const variable = /^([A-Z0-9_]+)=(.*)$/.exec(line);
      if (variable) appEnv[variable[1]!] = variable[2]!;
    });
  });
  return { appEnv, urls, stop: () => void child.kill('SIGTERM') };
}
