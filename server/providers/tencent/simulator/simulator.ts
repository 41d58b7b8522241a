/**
 * A Fastify plugin that answers like Tencent's DetectAIFakeFaces (vendor doc; spec §5), for tests and demos:
 *
 *   app.register(tencentSimulator, { prefix: '/sim/tencent', secretId, secretKey })
 *
 * `POST /` is the API (always HTTP 200, Tencent's body shapes). `POST /_control/next`, `DELETE /_control` and
 * `GET /_control` steer and inspect it; the same control is available in-process via `options.control`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { probeMedia } from '@contract/media/probe.js';
import { ProbeError, type ProbeResult } from '@contract/media/types.js';
import { registerControlRoutes } from '../../simulator-kit/control-routes.js';
import { createRateLimiter, yieldToArrivals } from '../../simulator-kit/rate-limit.js';
import { TENCENT_HARD_LIMITS } from '../limits.js';
import {
  createTencentSimulatorControl,
  headersWithoutSecrets,
  queuedOutcomeSchema,
  type NextOutcome,
  type TencentSimulatorControl,
} from './control.js';
import { errorBody, successBody, type SimulatedErrorBody, type SimulatedSuccessBody } from './responses.js';
import { checkEnvelope, checkParameters, isRejection, type DetectParameters } from './validate.js';

export { createTencentSimulatorControl, type TencentSimulatorControl, type QueuedOutcomeInput } from './control.js';

export type ProbeMedia = (bytes: Uint8Array) => ProbeResult | Promise<ProbeResult>;

export interface TencentSimulatorOptions {
  prefix?: string;
  secretId: string;
  secretKey: string;
  now?: () => Date;
  /** Defaults to `probeMedia` from contract/media/probe.ts; tests may pass a stub. */
  probe?: ProbeMedia;
  /** Pass one to steer the simulator in-process; otherwise each registration gets its own. */
  control?: TencentSimulatorControl;
  /**
   * Enforce the vendor's published rate (doc: 5 requests per second) over a sliding second,
   * answering RequestLimitExceeded beyond it. Off when undefined.
   */
  maxRequestsPerSecond?: number;
}

/** Above the documented 10 MB so that the simulator itself, not Fastify, answers an oversize body. */
const ROUTE_BODY_LIMIT_BYTES = 12 * 1024 * 1024;

/** Containers the doc lists (mp4, avi, flv) that our probe can recognise; mov is the same ISO-BMFF family. (guess) */
const DECODABLE_VIDEO_CONTAINERS = new Set(['mp4', 'mov']);

/** (guess) Types the real service would plausibly report for each simulated outcome; override with riskTypes. */
function defaultRiskTypes(outcome: 'fake' | 'suspicious', faceInputType: 1 | 2): string[] {
  if (outcome === 'suspicious') return ['SuspectedSpoofingAttack'];
  return [faceInputType === 2 ? 'SuspectedSynthesisVideo' : 'SuspectedSynthesisImage'];
}

type Answer = SimulatedErrorBody | SimulatedSuccessBody;

async function checkMedia(params: DetectParameters, probe: ProbeMedia): Promise<string | undefined> {
  const decodeFailed = params.faceInputType === 2 ? 'FailedOperation.VideoDecodeFailed' : 'FailedOperation.ImageDecodeFailed';
  let probed: ProbeResult;
  try {
    probed = await probe(params.media);
  } catch (error) {
    if (error instanceof ProbeError) return decodeFailed;
    throw error;
  }
  if (params.faceInputType === 1) return probed.kind === 'image' ? undefined : decodeFailed;
  if (probed.kind !== 'video' || !DECODABLE_VIDEO_CONTAINERS.has(probed.container)) return decodeFailed;
  if (probed.durationS > TENCENT_HARD_LIMITS.maxVideoDurationS) return 'FailedOperation.VideoDurationExceeded';
  return undefined;
}

function answerFor(next: NextOutcome, faceInputType: 1 | 2): Answer {
  switch (next.outcome) {
    case 'real':
      return successBody('Low', []);
    case 'fake':
      return successBody('High', next.riskTypes ?? defaultRiskTypes('fake', faceInputType));
    case 'suspicious':
      return successBody('Mid', next.riskTypes ?? defaultRiskTypes('suspicious', faceInputType));
    case 'error':
      return errorBody(next.errorCode ?? 'FailedOperation.UnKnown');
  }
}

export async function tencentSimulator(app: FastifyInstance, options: TencentSimulatorOptions): Promise<void> {
  const now = options.now ?? (() => new Date());
  const control = options.control ?? createTencentSimulatorControl();
  const probe: ProbeMedia = options.probe ?? probeMedia;
  const credentials = { secretId: options.secretId, secretKey: options.secretKey };
  // Arrivals on the monotonic clock: tests pin `now`, which must not freeze the window.
  const limiter = createRateLimiter(options.maxRequestsPerSecond, () => performance.now());

  async function answer(request: FastifyRequest, body: Buffer): Promise<Answer> {
    const [path = '/', query = ''] = request.raw.url?.split('?', 2) ?? [];
    await yieldToArrivals();
    const envelope = checkEnvelope({ method: request.method, path, query, headers: request.headers, body }, credentials, now());
    if (envelope) return errorBody(envelope.code, envelope.detail);
    await yieldToArrivals();
    const params = checkParameters(body);
    if (isRejection(params)) return errorBody(params.code, params.detail);
    await yieldToArrivals();
    const mediaError = await checkMedia(params, probe);
    if (mediaError) return errorBody(mediaError);
    // Only a request that would have been analysed consumes a queued outcome.
    const next = control.takeNext();
    if (next.delayMs) await sleep(next.delayMs);
    return answerFor(next, params.faceInputType);
  }

  function send(request: FastifyRequest, reply: FastifyReply, body: Buffer | undefined, result: Answer) {
    const response = result.Response;
    control.record({
      at: now().toISOString(),
      method: request.method,
      url: request.url,
      headers: headersWithoutSecrets(request.headers),
      bodyBytes: body?.length ?? Number(request.headers['content-length'] ?? 0),
      answer:
        'Error' in response
          ? { requestId: response.RequestId, errorCode: response.Error.Code }
          : { requestId: response.RequestId, attackRiskLevel: response.AttackRiskLevel },
    });
    const traceId = request.headers['x-tc-traceid'];
    if (typeof traceId === 'string') reply.header('X-TC-TraceId', traceId);
    // Tencent answers API errors with HTTP 200 too (spec §5).
    return reply.code(200).type('application/json').send(JSON.stringify(result));
  }

  await app.register(async (api) => {
    // The signature covers the exact bytes, so the API route takes the body raw whatever its Content-Type says.
    api.removeAllContentTypeParsers();
    api.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ROUTE_BODY_LIMIT_BYTES }, (_request, raw, done) => {
      done(null, raw);
    });
    api.setErrorHandler((error: { code?: string; statusCode?: number }, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return send(request, reply, undefined, errorBody('RequestSizeLimitExceeded'));
      if (error.statusCode !== undefined && error.statusCode < 500)
        return send(request, reply, undefined, errorBody('InvalidParameter'));
      request.log.error({ err: error }, 'tencent simulator failed');
      return send(request, reply, undefined, errorBody('InternalError'));
    });
    // Counted on arrival, before the body is read, as a front-door limiter would; without a limit, not counted at all.
    api.addHook('onRequest', async (request) => {
      (request as FastifyRequest & { overLimit?: boolean }).overLimit =
        options.maxRequestsPerSecond !== undefined && !limiter.tryTake();
    });
    api.post('/', { bodyLimit: ROUTE_BODY_LIMIT_BYTES }, async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if ((request as FastifyRequest & { overLimit?: boolean }).overLimit) {
        return send(request, reply, body, errorBody('RequestLimitExceeded'));
      }
      return send(request, reply, body, await answer(request, body));
    });
  });

  registerControlRoutes(app, control, queuedOutcomeSchema, {
    onClear: () => limiter.resetStats(),
    inspect: () => ({ rate: limiter.stats() }),
  });
}
