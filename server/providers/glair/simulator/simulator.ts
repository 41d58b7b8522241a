/**
 * A Fastify plugin that answers like GLAIR Vision's deepfake API (vendor doc; spec §3), for tests and demos:
 *
 *   app.register(glairSimulator, { prefix: '/sim/glair', username, password, apiKey })
 *
 * `POST /face/v1/deepfake` (multipart video) and `POST /face/v1/deepfake/images` (JSON frames) are the API.
 * `POST /_control/next`, `DELETE /_control` and `GET /_control` steer and inspect it; the same control is
 * available in-process via `options.control`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { probeMedia } from '@contract/media/probe.js';
import { ProbeError, type ProbeResult } from '@contract/media/types.js';
import { registerControlRoutes } from '../../simulator-kit/control-routes.js';
import { createRateLimiter } from '../../simulator-kit/rate-limit.js';
import { GLAIR_HARD_LIMITS } from '../limits.js';
import { FRAMES_PATH, VIDEO_PATH } from '../request.js';
import {
  createGlairSimulatorControl,
  headersWithoutSecrets,
  queuedOutcomeSchema,
  type GlairSimulatorControl,
  type NextOutcome,
} from './control.js';
import {
  DOC_FAKE_CONFIDENCE,
  DOC_REAL_CONFIDENCE,
  SUSPICIOUS_CONFIDENCE,
  errorAnswerFor,
  httpErrorAnswer,
  statusAnswer,
  successAnswer,
  tooLargeAnswer,
  type SimulatedAnswer,
} from './responses.js';
import { checkCredentials, checkFramesBody, checkVideoUpload, isAnswer } from './validate.js';

export { createGlairSimulatorControl, type GlairSimulatorControl, type QueuedOutcomeInput } from './control.js';

export type ProbeMedia = (bytes: Uint8Array) => ProbeResult | Promise<ProbeResult>;

export interface GlairSimulatorOptions {
  prefix?: string;
  username: string;
  password: string;
  apiKey: string;
  now?: () => Date;
  /** Defaults to `probeMedia` from contract/media/probe.ts; tests may pass a stub. */
  probe?: ProbeMedia;
  /** Pass one to steer the simulator in-process; otherwise each registration gets its own. */
  control?: GlairSimulatorControl;
  /** Answers HTTP 429 beyond this many requests per (sliding) second. GLAIR publishes no rate, so none by default. */
  maxRequestsPerSecond?: number;
}

/** Above the documented 6 MB (plus envelope) so that the simulator itself, not Fastify, answers an oversize body. */
const ROUTE_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

type Endpoint = 'video' | 'frames';

async function probeOrUndefined(probe: ProbeMedia, bytes: Uint8Array): Promise<ProbeResult | undefined> {
  try {
    return await probe(bytes);
  } catch (error) {
    if (error instanceof ProbeError) return undefined;
    throw error;
  }
}

/** Doc: the video is an `.mp4`; frames are images. (guess) JPEG and PNG, and a QuickTime .mov is refused. */
async function checkMedia(endpoint: Endpoint, media: Buffer[], probe: ProbeMedia): Promise<SimulatedAnswer | undefined> {
  for (const [index, bytes] of media.entries()) {
    const probed = await probeOrUndefined(probe, bytes);
    if (endpoint === 'video' && (probed?.kind !== 'video' || probed.container !== 'mp4')) {
      return statusAnswer('FILE_INVALID_FORMAT', 'Video must be an .mp4 file');
    }
    if (endpoint === 'frames' && probed?.kind !== 'image') {
      return statusAnswer('FILE_INVALID_FORMAT', `Frame ${index} is not a JPEG or PNG image`);
    }
  }
  return undefined;
}

function answerFor(next: NextOutcome): SimulatedAnswer {
  switch (next.outcome) {
    case 'real':
      return successAnswer('real', next.confidence ?? DOC_REAL_CONFIDENCE);
    case 'fake':
      return successAnswer('fake', next.confidence ?? DOC_FAKE_CONFIDENCE);
    case 'suspicious':
      return successAnswer('fake', next.confidence ?? SUSPICIOUS_CONFIDENCE);
    case 'error':
      return errorAnswerFor(next.errorCode ?? 'FAILED');
  }
}

export async function glairSimulator(app: FastifyInstance, options: GlairSimulatorOptions): Promise<void> {
  const now = options.now ?? (() => new Date());
  const control = options.control ?? createGlairSimulatorControl();
  const probe: ProbeMedia = options.probe ?? probeMedia;
  const credentials = { username: options.username, password: options.password, apiKey: options.apiKey };
  const limiter = createRateLimiter(options.maxRequestsPerSecond ?? GLAIR_HARD_LIMITS.maxRequestsPerSecond, () =>
    now().getTime(),
  );
  const overLimit = new WeakSet<FastifyRequest>();

  async function answer(request: FastifyRequest, body: Buffer, endpoint: Endpoint): Promise<SimulatedAnswer> {
    if (overLimit.has(request)) return httpErrorAnswer(429, 'Too Many Requests');
    const refused = checkCredentials(request.headers, credentials);
    if (refused) return refused;
    const upload = endpoint === 'video' ? checkVideoUpload(request.headers, body) : checkFramesBody(request.headers, body);
    if (isAnswer(upload)) return upload;
    const mediaError = await checkMedia(endpoint, 'video' in upload ? [upload.video] : upload.frames, probe);
    if (mediaError) return mediaError;
    // Only a request that would have been analysed consumes a queued outcome.
    const next = control.takeNext();
    if (next.delayMs) await sleep(next.delayMs);
    return answerFor(next);
  }

  function send(request: FastifyRequest, reply: FastifyReply, bodyBytes: number, result: SimulatedAnswer) {
    const { body } = result;
    control.record({
      at: now().toISOString(),
      method: request.method,
      url: request.url,
      headers: headersWithoutSecrets(request.headers),
      bodyBytes,
      answer: {
        requestId: result.headers['Request-Id'] ?? '',
        httpStatus: result.httpStatus,
        status: body.status,
        value: 'read' in body ? body.read.deepfake.value : undefined,
      },
    });
    return reply.code(result.httpStatus).headers(result.headers).type('application/json').send(JSON.stringify(body));
  }

  await app.register(async (api) => {
    // Bodies are read raw: the multipart file must be the exact bytes sent, and frames are JSON whatever the label.
    api.removeAllContentTypeParsers();
    api.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ROUTE_BODY_LIMIT_BYTES }, (_request, raw, done) => {
      done(null, raw);
    });
    api.setErrorHandler((error: { code?: string; statusCode?: number }, request, reply) => {
      const bodyBytes = Number(request.headers['content-length'] ?? 0);
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(request, reply, bodyBytes, tooLargeAnswer());
      if (error.statusCode !== undefined && error.statusCode < 500) return send(request, reply, bodyBytes, httpErrorAnswer(400));
      request.log.error({ err: error }, 'glair simulator failed');
      return send(request, reply, bodyBytes, httpErrorAnswer(500));
    });
    // Counted on arrival, before the body is read or the credentials checked, as a front-door limiter would.
    api.addHook('onRequest', async (request) => {
      if (!limiter.tryTake()) overLimit.add(request);
    });
    for (const [path, endpoint] of [
      [VIDEO_PATH, 'video'],
      [FRAMES_PATH, 'frames'],
    ] as const) {
      api.post(path, { bodyLimit: ROUTE_BODY_LIMIT_BYTES }, async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return send(request, reply, body.length, await answer(request, body, endpoint));
      });
    }
  });

  registerControlRoutes(app, control, queuedOutcomeSchema, { inspect: () => ({ rate: limiter.stats() }) });
}
