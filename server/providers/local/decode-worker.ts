/**
 * One clip, one thread, one decoder: started per clip and terminated after it. An ffmpeg.wasm
 * instance runs one command (its exit aborts the instance), and a hostile clip's damage (a crash,
 * a hang, a corrupted heap) dies with the thread. The compiled wasm comes from the host.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { decodeForScreening } from './analyse-clip.js';
import { usePrecompiledFFmpegWasm } from './ffmpeg-core-node.js';
import type { DecodeReply, DecodeWorkerData } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('decode-worker.ts must run as a worker thread');
const { bytes, wasmModule } = workerData as DecodeWorkerData;
usePrecompiledFFmpegWasm(wasmModule);

const reply: DecodeReply = await decodeForScreening(bytes).catch((error: unknown): DecodeReply => ({
  ok: false,
  readable: false,
  reason: 'decoder_crashed',
  detail: error instanceof Error ? error.message : String(error),
}));
const transfers = reply.ok
  ? [...new Set(reply.samples.flatMap((s) => [s.rgb.buffer as ArrayBuffer, s.jpeg.buffer as ArrayBuffer]))]
  : [];
port.postMessage(reply, transfers);
