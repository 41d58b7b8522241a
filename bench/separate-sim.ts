import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from './media.js';

/** Starts bench/tencent-sim-process.ts and resolves with its URL and a stop function. */
export function startSeparateTencentSim(keys: { id: string; key: string }): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn('npx', ['tsx', 'bench/tencent-sim-process.ts'], {
      cwd: repoRoot,
      env: { ...process.env, SIM_SECRET_ID: keys.id, SIM_SECRET_KEY: keys.key },
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its own process group: `npx` starts tsx, which starts node; killing only `npx` left the
      // simulator running (holding our stdout pipe, so `npm run bench` never exited).
      detached: true,
    });
    const stop = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        child.kill('SIGTERM'); // the group is already gone
      }
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      const m = /SIM_URL=(\S+)/.exec(chunk.toString());
      if (m) resolve({ url: m[1]!, stop });
    });
    child.on('exit', (code) => reject(new Error(`simulator process exited (${code})`)));
  });
}
