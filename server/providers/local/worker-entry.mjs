// Worker threads do not inherit tsx's loader (nor vitest's transform), so each worker registers tsx
// itself before loading its TypeScript module. Resolved from this file, so it works from any cwd.
import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

/** The only modules this bootstrap will load. */
const ENTRIES = { decode: './decode-worker.ts', detect: './detect-worker.ts' };

const entry = ENTRIES[workerData?.entry];
if (!entry) throw new Error(`unknown screening worker entry: ${String(workerData?.entry)}`);
// Lowest CPU priority for this thread only (Linux nice is per thread): the screening must never
// take CPU from the server's own thread, which signs and sends the vendor calls.
try {
  setPriority(19);
} catch {
  // Not permitted or not supported here: the screening still runs, at normal priority.
}
register();
await import(entry);
