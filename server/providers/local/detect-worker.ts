/** The face-detection thread: loads the detector once and serves every clip's sampled frames. */
import { parentPort } from 'node:worker_threads';
import { loadFaceDetector } from './face-detector.js';
import type { DetectReply, DetectRequest } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('detect-worker.ts must run as a worker thread');

const detectorReady = loadFaceDetector();
detectorReady.catch(() => undefined); // reported per request below

port.on('message', (request: DetectRequest) => {
  void (async () => {
    let reply: DetectReply;
    try {
      const detector = await detectorReady;
      const faces = [];
      for (const f of request.frames) faces.push(await detector.detect(f.rgb, f.width, f.height));
      reply = { id: request.id, ok: true, faces };
    } catch (error) {
      reply = { id: request.id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
    port.postMessage(reply);
  })();
});
