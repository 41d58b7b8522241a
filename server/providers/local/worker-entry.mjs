// The fallback start of a screening worker, used only if worker-bundle.ts could not bundle them.
// Worker threads do not inherit tsx's loader (nor vitest's transform), so each worker registers tsx
// itself before loading its TypeScript module. Resolved from this file, so it works from any cwd.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

/** The only modules this bootstrap will load. */
const ENTRIES = { decode: './decode-worker.ts', detect: './detect-worker.ts' };

const entry = ENTRIES[workerData?.entry];
if (!entry) throw new Error(`unknown screening worker entry: ${String(workerData?.entry)}`);
register();
await import('./lowest-priority.ts');
await import(entry);
