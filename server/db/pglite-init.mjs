// Creates a new PGlite data directory (initdb) and exits: run as a child process by client.ts, so
// that initdb's ~500 MB of wasm heaps and buffers are returned to the OS with the process instead of
// staying in the server's heap for its lifetime. Plain JavaScript: it runs without the TS loader.
import { PGlite } from '@electric-sql/pglite';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: node pglite-init.mjs <dataDir>');
  process.exit(2);
}
const db = await PGlite.create({ dataDir });
await db.close();
