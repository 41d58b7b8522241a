/**
 * Imported first by each screening worker: lowest CPU priority for this thread only (Linux nice is
 * per thread), so that the screening never takes CPU from the server's own thread, which signs and
 * sends the vendor calls.
 */
import { setPriority } from 'node:os';

try {
  setPriority(19);
} catch {
  // Not permitted or not supported here: the screening still runs, at normal priority.
}
