#!/usr/bin/env node
// `npm start`: builds the SPA when dist/ is missing or older than its sources, then runs the server.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'index.html');

function newestMtime(p) {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), st.mtimeMs);
}

const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => path.join(root, p)).filter(existsSync);
const stale = !existsSync(built) || Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
if (stale) {
  console.log('Building the web app (first start or sources changed)…');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The server runs in node directly with tsx's loader (not `npx tsx`: two fewer processes, ~125 MB).
// Memory settings, each measured with bench/idle-rss.ts (idle RSS of the server process):
// - glibc malloc: a fixed mmap threshold gives large transient buffers (wasm files, uploads, the
//   screening's frames) back to the OS when freed instead of leaving heap fragments, and two arenas
//   instead of one per thread: ~50 MB less after start, ~50 MB less kept after a screening.
// - V8's young generation capped at 4 MB per semi-space (default 16): the start's burst of
//   allocation otherwise leaves it at ~30 MB until a memory-reducing GC, tens of seconds later.
// MALLOC_* values set by the caller win.
const env = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', ...process.env };
const args = ['--max-semi-space-size=4', '--import', 'tsx', 'server/main.ts'];
const server = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env });
// A terminal's Ctrl-C reaches the whole process group, the server included; a SIGTERM or SIGHUP sent
// to this process alone is passed on, so that the server shuts down gracefully either way.
process.on('SIGINT', () => {});
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
