/**
 * Runs the screening off the server's event loop, one clip at a time, under one time limit per clip:
 * - a decode worker per clip (fresh ffmpeg.wasm, terminated after: a crash or hang dies with it);
 * - one detect worker (the detector loads once, ~0.2 s), replaced if it fails or times out; it gets
 *   each sampled frame straight from the decode worker while decoding goes on (two cores busy, not one).
 * Never rejects: a crash or timeout comes back as an unreadable clip.
 *
 * Nothing is loaded until the first clip, and all of it is let go after `idleReleaseMs` without one:
 * the detect worker (tfjs + models, ~100 MB) is ended and the compiled decoder (~60 MB) dropped. The
 * next clip pays ~1–2 s to load them again.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { LOCAL_SCREENING_CONFIG } from './config.js';
import { collectGarbage } from './collect-garbage.js';
import { compileFFmpegWasm } from './ffmpeg-core-node.js';
import { workerScripts, type WorkerEntry } from './worker-bundle.js';
import type { AnalysedSample, ClipAnalysisResult, FaceBox } from './types.js';
import type { DecodeReply, DecodeWorkerData, DetectReply, DetectRequest } from './worker-protocol.js';

export interface ScreeningHostOptions {
  timeoutMs?: number;
  /** Idle time after which the detector and the compiled decoder are released (default: config). */
  idleReleaseMs?: number;
  /** Start the workers from their esbuild bundle (default) or through tsx (the fallback; tests). */
  bundledWorkers?: boolean;
}

export interface ScreeningHost {
  /** `queuedMs` is the time spent waiting for earlier clips. */
  analyse(bytes: Uint8Array): Promise<{ result: ClipAnalysisResult; queuedMs: number }>;
  /** Clips waiting or being analysed. */
  backlog(): number;
  /** What is held now: the detect worker (with its models) and the compiled decoder. */
  loaded(): { detector: boolean; decoder: boolean };
  /** Ends the detect worker (tests, shutdown); a later `analyse` starts a new one. */
  close(): Promise<void>;
}

const WORKER_URL = new URL('./worker-entry.mjs', import.meta.url);

/** Through tsx (worker-entry.mjs) only if the bundled scripts could not be built. */
function spawn(
  scripts: Record<WorkerEntry, URL> | undefined,
  workerData: DecodeWorkerData | { entry: 'detect' },
  transferList: Array<ArrayBuffer | MessagePort> = [],
): Worker {
  return new Worker(scripts?.[workerData.entry] ?? WORKER_URL, {
    workerData,
    transferList,
    resourceLimits: { maxOldGenerationSizeMb: LOCAL_SCREENING_CONFIG.worker.maxOldGenerationSizeMb },
    // Explicit, so that a parent's --inspect or test-runner flags do not leak into the workers.
    execArgv: [],
  });
}

class WorkerFailure extends Error {
  constructor(
    readonly reason: 'decoder_crashed' | 'detector_failed' | 'decode_timeout',
    message: string,
  ) {
    super(message);
  }
}

/** The first message of `w` that `accept` takes, or a WorkerFailure on error, exit or deadline. */
function awaitReply<T>(
  w: Worker,
  accept: (msg: unknown) => T | undefined,
  deadline: number,
  crashReason: WorkerFailure['reason'],
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      w.off('message', onMessage).off('error', onError).off('exit', onExit);
    };
    const onMessage = (msg: unknown) => {
      const value = accept(msg);
      if (value === undefined) return;
      cleanup();
      resolve(value);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new WorkerFailure(crashReason, error.message));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new WorkerFailure(crashReason, `the worker exited with code ${code}`));
    };
    const timer = setTimeout(
      () => {
        cleanup();
        reject(new WorkerFailure('decode_timeout', 'decoding and detection did not finish within the time limit'));
      },
      Math.max(0, deadline - performance.now()),
    );
    w.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

export function createScreeningHost(options: ScreeningHostOptions = {}): ScreeningHost {
  const timeoutMs = options.timeoutMs ?? LOCAL_SCREENING_CONFIG.worker.timeoutMs;
  const idleReleaseMs = options.idleReleaseMs ?? LOCAL_SCREENING_CONFIG.worker.idleReleaseMs;
  const useBundle = options.bundledWorkers ?? true;
  let detectWorker: Worker | undefined;
  let pending = 0;
  let releaseTimer: NodeJS.Timeout | undefined;
  let nextId = 1;
  // Compiled once, on first use; undefined (each worker compiles its own) if compiling here failed.
  let wasmModule: Promise<WebAssembly.Module | undefined> | undefined;
  // A promise chain serialises clips: decoding and tfjs are CPU-bound (see config.worker.concurrency).
  let queue: Promise<unknown> = Promise.resolve();

  /**
   * Opens the clip's frame channel on the detect worker: `faces` settles with the faces (by streamed
   * frame) once the decode worker has sent its `end`, or fails with the detector. `abandon()` when
   * the clip did not decode: the worker's answer for it (the channel closed early) is then no failure
   * of the detector's, and the worker stays for the next clip.
   */
  function detectStreamedFaces(
    scripts: Record<WorkerEntry, URL> | undefined,
    framePort: MessagePort,
    deadline: number,
  ): { faces: Promise<{ faces: FaceBox[][]; busyMs: number }>; abandon(): void } {
    let abandoned = false;
    const w = (detectWorker ??= spawn(scripts, { entry: 'detect' }));
    w.ref();
    const id = nextId++;
    const request: DetectRequest = { id, framePort };
    w.postMessage(request, [framePort]);
    const faces = awaitReply(
      w,
      (m) => ((m as DetectReply).id === id ? (m as DetectReply) : undefined),
      deadline,
      'detector_failed',
    )
      .then((reply) => {
        if (!reply.ok) throw new WorkerFailure('detector_failed', reply.error);
        return reply;
      })
      .catch((error: unknown) => {
        // A failed or late detector may be mid-inference: replace it rather than queue behind it.
        if (!abandoned) {
          if (detectWorker === w) detectWorker = undefined;
          void w.terminate();
        }
        throw error;
      })
      .finally(() => {
        // An idle detect worker must not keep the process alive.
        w.unref();
      });
    faces.catch(() => undefined); // awaited only if the clip decodes
    return { faces, abandon: () => (abandoned = true) };
  }

  async function analyseOne(bytes: Uint8Array): Promise<ClipAnalysisResult> {
    const deadline = performance.now() + timeoutMs;
    // The clip is copied into the worker (not the caller's buffer transferred): the caller may still need it.
    const copy = new Uint8Array(bytes);
    wasmModule ??= compileFFmpegWasm().catch(() => undefined);
    const module = await wasmModule;
    const scripts = await (useBundle ? workerScripts() : undefined);
    // Both ends handed over before any wait: a port whose other end has gone cannot be transferred.
    const channel = new MessageChannel();
    const decoder = spawn(scripts, { entry: 'decode', bytes: copy, wasmModule: module, framePort: channel.port2 }, [
      copy.buffer as ArrayBuffer,
      channel.port2,
    ]);
    const detection = detectStreamedFaces(scripts, channel.port1, deadline);
    try {
      const decoded = await awaitReply(decoder, (m) => m as DecodeReply, deadline, 'decoder_crashed');
      void decoder.terminate();
      if (!decoded.ok) {
        detection.abandon();
        return {
          readable: false,
          reason: decoded.reason,
          detail: decoded.detail,
          ...(decoded.frameSizes ? { frameSizes: decoded.frameSizes } : {}),
        };
      }
      const decodedAt = performance.now();
      const detected = await detection.faces;
      const samples: AnalysedSample[] = decoded.samples.map((s) => ({
        frameIndex: s.frameIndex,
        timeS: s.timeS,
        width: s.width,
        height: s.height,
        jpeg: s.jpeg,
        faces: detected.faces[s.streamed] ?? [],
      }));
      return {
        readable: true,
        decodedFrames: decoded.decodedFrames,
        frameTimesS: decoded.frameTimesS,
        greyDiffs: decoded.greyDiffs,
        declared: decoded.declared,
        samples,
        decodedSizes: decoded.decodedSizes,
        ...(decoded.oversized ? { oversized: decoded.oversized } : {}),
        timingsMs: { decode: decoded.decodeMs, detect: detected.busyMs, detectWait: performance.now() - decodedAt },
      };
    } catch (error) {
      void decoder.terminate();
      if (!(error instanceof WorkerFailure && error.reason === 'detector_failed')) detection.abandon();
      if (error instanceof WorkerFailure) return { readable: false, reason: error.reason, detail: error.message };
      return { readable: false, reason: 'decoder_crashed', detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async function release(): Promise<void> {
    const w = detectWorker;
    detectWorker = undefined;
    const hadDecoder = wasmModule !== undefined;
    wasmModule = undefined;
    if (w) await w.terminate();
    // Once per idle period, ~20 ms: without it the compiled decoder's memory stays until some later GC.
    if (hadDecoder && pending === 0) collectGarbage();
  }

  return {
    analyse(bytes) {
      const enqueuedAt = performance.now();
      pending++;
      clearTimeout(releaseTimer);
      const job = queue.then(async () => ({ queuedMs: performance.now() - enqueuedAt, result: await analyseOne(bytes) }));
      queue = job.catch(() => undefined);
      void queue.then(() => {
        if (--pending > 0) return;
        releaseTimer = setTimeout(() => void (pending === 0 && release()), idleReleaseMs);
        releaseTimer.unref();
      });
      return job;
    },
    backlog: () => pending,
    loaded: () => ({ detector: detectWorker !== undefined, decoder: wasmModule !== undefined }),
    async close() {
      await queue;
      clearTimeout(releaseTimer);
      await release();
    },
  };
}

let sharedHost: ScreeningHost | undefined;

/** The process-wide worker host (lazily started; its idle worker does not keep the process alive). */
export function screeningHost(): ScreeningHost {
  return (sharedHost ??= createScreeningHost());
}
