/**
 * The face-detection thread: loads the detector once and serves every clip. A clip's sampled frames
 * arrive on its own channel from the decode worker while that one still decodes; each is detected
 * as it comes, so only the last one's detection is left when decoding ends.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { loadFaceDetector } from './face-detector.js';
import type { FaceBox } from './types.js';
import type { DetectReply, DetectRequest, FrameMessage } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('detect-worker.ts must run as a worker thread');

const detectorReady = loadFaceDetector();
detectorReady.catch(() => undefined); // reported per request below

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

function serveClip(id: number, frames: MessagePort): void {
  const faces = new Map<number, FaceBox[][]>(); // by pass
  let busyMs = 0;
  let failure: string | undefined;
  // One frame after another, in arrival order: the detector is not re-entrant.
  let chain: Promise<void> = Promise.resolve();
  let answered = false;
  const answer = (reply: DetectReply) => {
    if (answered) return;
    answered = true;
    frames.close();
    port!.postMessage(reply);
  };
  frames.on('message', (message: FrameMessage) => {
    chain = chain.then(async () => {
      if (answered) return;
      if (message.kind === 'end') {
        answer(failure ? { id, ok: false, error: failure } : { id, ok: true, faces: faces.get(message.pass) ?? [], busyMs });
        return;
      }
      if (failure) return;
      try {
        const detector = await detectorReady;
        const started = performance.now();
        const found = await detector.detect(message.rgb, message.width, message.height);
        busyMs += performance.now() - started;
        const pass = faces.get(message.pass) ?? [];
        pass[message.index] = found;
        faces.set(message.pass, pass);
      } catch (error) {
        failure = describe(error);
      }
    });
  });
  // The decode worker ended (failed, or was terminated) without an `end`: nobody waits for these faces.
  frames.on('close', () => void chain.then(() => answer({ id, ok: false, error: 'the frame channel closed before its end' })));
}

port.on('message', (request: DetectRequest) => serveClip(request.id, request.framePort));
