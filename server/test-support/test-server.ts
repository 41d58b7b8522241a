/** Starts a real server (in-memory PGlite, temp data dir, free port) for API tests. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Server, type ServerOptions } from '../app.js';
import { loadConfig } from '../config.js';
import { openStore, type Store } from '../db/client.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedFixture = (name: string): string => path.resolve(repoRoot, '..', 'shared', 'fixtures', name);

/** The test server's first admin (ADMIN_EMAIL / ADMIN_PASSWORD); loginAdmin (session.ts) signs in as it. */
export const TEST_ADMIN = { email: 'admin@test.local', password: 'test-admin-password-1' } as const;

export interface TestServer {
  server: Server;
  baseUrl: string;
  dataDir: string;
  /** Every file under the media directory (to prove a rejected upload left nothing). */
  mediaFiles(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startTestServer(
  env: Record<string, string> = {},
  reuse: {
    store?: Store;
    dataDir?: string;
    logStream?: NodeJS.WritableStream;
    /** The embedded database in files under the data dir, as `npm start` keeps it (default: in memory). */
    diskStore?: boolean;
  } & Pick<ServerOptions, 'statfs' | 'distDir'> = {},
): Promise<TestServer> {
  const dataDir = reuse.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'selfie-test-')));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    // Tests run the purge on demand with their own clock.
    PURGE_INTERVAL_MINUTES: '0',
    // Tests send many requests from one address; the limits have tests of their own (server/http).
    RATE_LIMITS: 'off',
    ...env,
  });
  // In memory unless the env names a PostgreSQL database (a test that restarts the server keeps its data there).
  const store =
    reuse.store ??
    (await openStore({
      databaseUrl: config.databaseUrl,
      ...(reuse.diskStore ? { pgliteDir: path.join(dataDir, 'pglite') } : {}),
    }));
  const server = await createServer(config, {
    store,
    distDir: reuse.distDir ?? path.join(dataDir, 'no-spa'),
    logStream: reuse.logStream,
    statfs: reuse.statfs,
  });
  const baseUrl = await server.start();
  return {
    server,
    baseUrl,
    dataDir,
    async mediaFiles() {
      const root = path.join(dataDir, 'media');
      const entries = await readdir(root, { recursive: true, withFileTypes: true });
      return entries.filter((e) => e.isFile()).map((e) => e.name);
    },
    async close() {
      await server.close();
      if (!reuse.store) await store.close();
      if (!reuse.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A valid consent, as the capture page sends it (given now: consents older than a day are refused). */
export const TEST_CONSENT = { version: 'test-1', acceptedAt: new Date().toISOString(), locale: 'en' } as const;

/** Adds TEST_CONSENT to an object meta that does not mention `consent` (pass `consent: undefined` to leave it out). */
function withConsent(meta: unknown): unknown {
  if (meta && typeof meta === 'object' && !Array.isArray(meta) && !('consent' in meta)) return { ...meta, consent: TEST_CONSENT };
  return meta;
}

/** POST /api/captures the way the browser does (with a valid consent unless `meta` says otherwise). */
export async function postCapture(
  baseUrl: string,
  video: Uint8Array | undefined,
  meta: unknown = { providers: ['tencent'] },
  opts: { filename?: string; type?: string; image?: Uint8Array; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  if (meta !== undefined) form.append('meta', typeof meta === 'string' ? meta : JSON.stringify(withConsent(meta)));
  if (video)
    form.append('video', new Blob([Buffer.from(video)], { type: opts.type ?? 'video/mp4' }), opts.filename ?? 'capture.mp4');
  if (opts.image) form.append('image', new Blob([Buffer.from(opts.image)], { type: 'image/jpeg' }), 'still.jpg');
  const res = await fetch(`${baseUrl}/api/captures`, { method: 'POST', body: form, headers: opts.headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
