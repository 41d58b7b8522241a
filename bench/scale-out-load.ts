/**
 * The scale-out bench's load generator, in a process of its own (its CPU is not the servers'): posts CAPTURES
 * distinct clips round-robin to the servers in SERVER_URLS (also the proxy bench's load), CONCURRENCY at a time, with META, and prints one JSON
 * line: how long the submissions took (ms).
 */
import { readFileSync } from 'node:fs';

const urls = JSON.parse(process.env.SERVER_URLS ?? '[]') as string[];
const captures = Number(process.env.CAPTURES ?? 60);
const concurrency = Number(process.env.CONCURRENCY ?? 16);
const meta = process.env.META ?? '{}';
// Distinct clips across runs against one server: capture n carries the number FIRST + n.
const first = Number(process.env.FIRST ?? 0);
const clip = readFileSync(process.env.CLIP_PATH ?? '');

const t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    for (let n = next++; n < captures; n = next++) {
      const bytes = Buffer.from(clip);
      bytes.writeUInt16BE((first + n) & 0xffff, bytes.length - 2);
      const form = new FormData();
      form.append('meta', meta);
      form.append('video', new Blob([new Uint8Array(bytes)], { type: 'video/mp4' }), 'clip.mp4');
      const res = await fetch(`${urls[n % urls.length]}/api/captures`, { method: 'POST', body: form });
      if (res.status !== 202) throw new Error(`capture ${n} refused: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
  }),
);
process.stdout.write(`${JSON.stringify({ submitMs: performance.now() - t0 })}\n`);
