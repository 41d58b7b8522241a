/**
 * One clip, one thread, one decoder: started per clip and terminated after it. ffmpeg.wasm instances
 * are not independent enough to reuse a thread (measured: the 4th clip in one thread crashed with
 * "null function or function signature mismatch"), and a hostile clip's damage dies with the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { decodeForScreening } from './analyse-clip.js';
import { usePrecompiledFFmpegWasm } from './ffmpeg-core-node.js';
import type { DecodeReply, DecodeWorkerData } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('decode-worker.ts must run as a worker thread');
const { bytes, wasmModule } = workerData as DecodeWorkerData;
usePrecompiledFFmpegWasm(wasmModule);

const reply: DecodeReply = await decodeForScreening(bytes).catch(
  (error: unknown): DecodeReply => ({ ok: false, readable: false, reason: 'decoder_crashed', detail: error instanceof Error ? error.message : String(error) }),
);
const transfers = reply.ok ? [...new Set(reply.samples.flatMap((s) => [s.rgb.buffer as ArrayBuffer, s.jpeg.buffer as ArrayBuffer]))] : [];
port.postMessage(reply, transfers);
