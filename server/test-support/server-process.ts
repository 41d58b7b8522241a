/**
 * A test server in a process of its own, so its memory is measured without the test's (clients,
 * other servers). `spawnTestServer` starts it; run directly, this file is that process: it starts
 * a test server with the env in TEST_SERVER_ENV and prints `{baseUrl, dataDir}` as one JSON line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { aheadOfTests } from './ahead-of-tests.js';
import { askChild } from './ask-child.js';

const self = fileURLToPath(import.meta.url);

/** What the parent may ask the server process over IPC; each is answered with one message. */
type Question = 'gc' | 'memory' | 'cpu' | 'idle' | 'profile-start' | 'profile-stop';

export interface ServerProcess {
  baseUrl: string;
  dataDir: string;
  pid: number;
  /** Resident memory of the server process now, in bytes (Linux /proc). */
  rss(): Promise<number>;
  /** The server process's own account of its memory (heap, ArrayBuffers: what it holds, not what the OS lent it). */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** Runs a full garbage collection in the server process (so a baseline is not yesterday's garbage). */
  collectGarbage(): Promise<void>;
  /** The server process's CPU time so far (user + system), as `process.cpuUsage()` there. */
  cpuUsage(): Promise<NodeJS.CpuUsage>;
  /** Resolves once every queued check has finished, with the checks' counts by status. */
  checksIdle(): Promise<Record<string, number>>;
  /** Starts the V8 CPU profiler in the server process (as `--cpu-prof` does, but only for the part measured). */
  startProfile(): Promise<void>;
  /** Stops it and writes the profile (`.cpuprofile`, Chrome DevTools' format) to `file`. */
  stopProfile(file: string): Promise<void>;
  stop(): Promise<void>;
}

/** `onLog`: each line the server prints besides its address (its log, with LOG_LEVEL in env); default our stdout. */
export async function spawnTestServer(
  env: Record<string, string> = {},
  onLog: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  /**
   * ahead: run ahead of the test processes (./simulators-process.ts `aheadOfTests`); nodeArgs: e.g. `--cpu-prof`;
   * diskStore: the embedded database in files, as `npm start` keeps it (default: in memory).
   */
  options: { ahead?: boolean; nodeArgs?: string[]; diskStore?: boolean } = {},
): Promise<ServerProcess> {
  const root = path.resolve(path.dirname(self), '../..');
  const argv: [string, string[]] = [process.execPath, [...(options.nodeArgs ?? []), '--expose-gc', '--import', 'tsx', self]];
  const child: ChildProcess = spawn(...(options.ahead ? aheadOfTests(...argv) : argv), {
    cwd: root,
    env: { ...process.env, TEST_SERVER_ENV: JSON.stringify(env), ...(options.diskStore ? { TEST_SERVER_STORE: 'disk' } : {}) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  // The server's own log lines (LOG_LEVEL in env) share stdout: the address is the line that names it.
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (text) => {
      if (text.startsWith('{"baseUrl"')) resolve(text);
      else onLog(text);
    });
    child.once('exit', (code) => reject(new Error(`the server process exited (${code}) before it listened`)));
  });
  const { baseUrl, dataDir } = JSON.parse(line) as { baseUrl: string; dataDir: string };
  const ask = askChild<Question>(child);
  return {
    baseUrl,
    dataDir,
    pid: child.pid!,
    async rss() {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
    },
    memory: () => ask<NodeJS.MemoryUsage>('memory'),
    async collectGarbage() {
      await ask('gc');
    },
    cpuUsage: () => ask<NodeJS.CpuUsage>('cpu'),
    checksIdle: () => ask<Record<string, number>>('idle'),
    async startProfile() {
      await ask('profile-start');
    },
    async stopProfile(file) {
      const written = await ask<string>('profile-stop');
      await copyFile(written, file);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

if (process.argv[1] === self) {
  const { startTestServer } = await import('./test-server.js');
  const t = await startTestServer(JSON.parse(process.env.TEST_SERVER_ENV ?? '{}') as Record<string, string>, {
    diskStore: process.env.TEST_SERVER_STORE === 'disk',
  });
  process.stdout.write(`${JSON.stringify({ baseUrl: t.baseUrl, dataDir: t.dataDir })}\n`);
  const inspector = new Session();
  const answers: Record<Question, () => unknown> = {
    gc: () => (globalThis as { gc?: () => void }).gc?.() ?? 'done',
    memory: () => process.memoryUsage(),
    cpu: () => process.cpuUsage(),
    async idle() {
      await t.server.runner.idle();
      const { checks } = await import('../db/schema.js');
      const { count } = await import('drizzle-orm');
      const rows = await t.server.store.db.select({ status: checks.status, n: count() }).from(checks).groupBy(checks.status);
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    },
    async 'profile-start'() {
      inspector.connect();
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.start');
      return 'done';
    },
    async 'profile-stop'() {
      const { profile } = await inspector.post('Profiler.stop');
      inspector.disconnect();
      const file = path.join(t.dataDir, 'server.cpuprofile');
      await writeFile(file, JSON.stringify(profile));
      return file;
    },
  };
  process.on('message', (message) => {
    void Promise.resolve(answers[message as Question]()).then((answer) => process.send?.(answer));
  });
  // The test that started it is gone: do not outlive it.
  process.once('disconnect', () => process.exit(0));
  process.once('SIGTERM', () => {
    void t.close().finally(() => process.exit(0));
  });
}
