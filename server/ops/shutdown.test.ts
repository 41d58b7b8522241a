/**
 * Graceful shutdown of the real entry point (server/main.ts) in a child process: on SIGTERM while checks wait on an
 * open circuit and vendor calls hang, it stops taking connections, sends nothing more, waits for the calls under way
 * until its bound and exits within SHUTDOWN_TIMEOUT_SECONDS, leaving the checks unfinished in the store.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, it } from 'vitest';
import type { ProvidersResponse } from '@contract/api';
import { openStore } from '../db/client.js';
import { checks } from '../db/schema.js';
import { postCapture, repoRoot, sharedFixture, TEST_ADMIN } from '../test-support/test-server.js';

const dirs: string[] = [];
const sockets: net.Socket[] = [];
/** A vendor that takes the connection and never answers (its calls stay in flight until their 30 s timeout). */
const hangingVendor = net.createServer((socket) => sockets.push(socket));
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => hangingVendor.close(resolve));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A port nothing listens on: every request to it fails at once (an outage, as the gateway counts it). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

it('exits within SHUTDOWN_TIMEOUT_SECONDS on SIGTERM while a vendor circuit is open and vendor calls hang', async () => {
  await new Promise<void>((resolve) => hangingVendor.listen(0, '127.0.0.1', resolve));
  const hangingPort = (hangingVendor.address() as net.AddressInfo).port;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'selfie-shutdown-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      LOCAL_SCREENING: 'off',
      PURGE_INTERVAL_MINUTES: '0',
      TENCENT_SECRET_ID: 'AKIDshutdowntest',
      TENCENT_SECRET_KEY: 'shutdown-test-key',
      TENCENT_ENDPOINT: `http://127.0.0.1:${await closedPort()}/`,
      FINAUTH_API_KEY: 'shutdown-test',
      FINAUTH_API_SECRET: 'shutdown-test-secret',
      FINAUTH_ENDPOINT: `http://127.0.0.1:${hangingPort}`,
      SHUTDOWN_TIMEOUT_SECONDS: '3',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Array<Record<string, unknown>> = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it listened`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      const url = /^Listening on (\S+)/.exec(String(entry.msg))?.[1];
      if (url) resolve(url);
    });
  });

  try {
    const clip = await readFile(sharedFixture('face_640x480.mp4'));
    // Two checks of up to 4 tries each: the fifth consecutive outage opens the circuit (30 s cool-down).
    for (let i = 0; i < 2; i++) {
      expect((await postCapture(baseUrl, clip, { providers: ['tencent', 'finauth'] })).status).toBe(202);
    }
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { providers } = (await (await fetch(`${baseUrl}/api/providers`)).json()) as ProvidersResponse;
      const health = providers.find((p) => p.id === 'tencent')?.health;
      if (health?.circuit === 'open' && health.waitingOnCircuit > 0) break;
      if (Date.now() > deadline) throw new Error(`the circuit did not open: ${JSON.stringify(health)}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    const signalled = Date.now();
    child.kill('SIGTERM');
    const code = await exited;
    const took = Date.now() - signalled;
    expect(code).toBe(0);
    expect(took).toBeLessThan(3000 + 500);
    expect(lines.find((l) => l.msg === 'shutting down')).toMatchObject({ signal: 'SIGTERM', timeoutSeconds: 3 });
    // Tencent's checks left their wait at once; FinAuth's two hanging calls held the shutdown until its bound.
    expect(lines.find((l) => String(l.msg).startsWith('shutdown bound reached'))).toMatchObject({ unfinishedChecks: 2 });
    // It took no connection after the signal.
    await expect(fetch(`${baseUrl}/api/health/live`)).rejects.toThrow();
    // Nothing was finished by the shutdown: every check is left for the next process, Tencent's within its budget.
    const store = await openStore({ pgliteDir: path.join(dataDir, 'pglite') });
    try {
      const rows = await store.db.select().from(checks);
      expect(rows).toHaveLength(4);
      const unfinished = (row: (typeof rows)[number]) => row.status === 'pending' || row.status === 'running';
      // FinAuth's calls were under way: their checks are running, one request each.
      for (const row of rows.filter((r) => r.providerId === 'finauth'))
        expect(row).toMatchObject({ status: 'running', attempts: 1 });
      // Tencent's: unfinished, unless one spent its whole budget (4 requests) before the circuit opened.
      const tencent = rows.filter((r) => r.providerId === 'tencent');
      for (const row of tencent) expect(unfinished(row) || (row.status === 'error' && row.attempts === 4)).toBe(true);
      expect(tencent.some(unfinished)).toBe(true);
      const sent = tencent.reduce((sum, r) => sum + r.attempts, 0);
      expect(sent).toBeGreaterThanOrEqual(5);
      expect(sent).toBeLessThanOrEqual(8);
    } finally {
      await store.close();
    }
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 60_000);
