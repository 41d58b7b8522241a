// How `npm start` runs the server, shared with the benches that measure it as users run it.
// The server runs in node directly with tsx's loader (not `npx tsx`: two fewer processes, ~125 MB).
// Memory settings, each measured with bench/idle-rss.ts (idle RSS of the server process):
// - glibc malloc: a fixed mmap threshold gives large transient buffers (wasm files, uploads, the
//   screening's frames) back to the OS when freed instead of leaving heap fragments, and two arenas
//   instead of one per thread: ~50 MB less after start, ~50 MB less kept after a screening.
// - V8's young generation capped at 4 MB per semi-space (default 16): the start's burst of
//   allocation otherwise leaves it at ~30 MB until a memory-reducing GC, tens of seconds later.
// MALLOC_* values set by the caller win.
export const SERVER_ARGS = ['--max-semi-space-size=4', '--import', 'tsx', 'server/main.ts'];

/** The server's environment: the memory settings under the caller's own variables. */
export function serverEnv(env = process.env) {
  return { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', ...env };
}
