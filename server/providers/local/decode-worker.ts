/**
 * One clip, one thread, one decoder: started per clip and terminated after it. An ffmpeg.wasm
 * instance runs one command (its exit aborts the instance), and a hostile clip's damage (a crash,
 * a hang, a corrupted heap) dies with the thread. The compiled wasm comes from the host. The
 * sampled frames go to the detect worker as they are decoded; the reply (to the host) follows.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { decodeForScreening } from './analyse-clip.js';
import { usePrecompiledFFmpegWasm } from './ffmpeg-core-node.js';
import type { DecodeReply, DecodeWorkerData, FrameMessage } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('decode-worker.ts must run as a worker thread');
const { bytes, wasmModule, framePort } = workerData as DecodeWorkerData;
usePrecompiledFFmpegWasm(wasmModule);

const send = (message: FrameMessage, transfer: ArrayBuffer[] = []) => framePort.postMessage(message, transfer);

const reply: DecodeReply = await decodeForScreening(bytes, (pass, frame) =>
  send({ kind: 'frame', pass, ...frame }, [frame.rgb.buffer as ArrayBuffer]),
).catch((error: unknown): DecodeReply => ({
  ok: false,
  readable: false,
  reason: 'decoder_crashed',
  detail: error instanceof Error ? error.message : String(error),
}));
if (reply.ok) send({ kind: 'end', pass: reply.pass });
framePort.close();
const transfers = reply.ok ? [...new Set(reply.samples.map((s) => s.jpeg.buffer as ArrayBuffer))] : [];
port.postMessage(reply, transfers);
