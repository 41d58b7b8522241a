/**
 * A Fastify plugin that answers like FinAuth StarScope anti_deepfake (vendor doc; spec §1), for tests and demos:
 *
 *   app.register(finauthSimulator, { prefix: '/sim/finauth', apiKey, apiSecret })
 *
 * `POST /finauth/v5/anti_deepfake` is the API (the client's endpoint is then `…/sim/finauth`); any other path under
 * the prefix answers 404 API_NOT_FOUND. `POST /_control/next`, `DELETE /_control` and `GET /_control` steer and
 * inspect it; the same control is available in-process via `options.control`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { probeMedia } from '@contract/media/probe.js';
import { registerControlRoutes } from '../../simulator-kit/control-routes.js';
import { FINAUTH_HARD_LIMITS } from '../limits.js';
import { ANTI_DEEPFAKE_PATH } from '../request.js';
import { createAdmission } from './admission.js';
import {
  createFinauthSimulatorControl,
  headersWithoutSecrets,
  queuedOutcomeSchema,
  type FinauthSimulatorControl,
  type NextOutcome,
  type RecordedRequest,
} from './control.js';
import { errorAnswer, OUTCOME_SCORES, successAnswer, type SimulatedAnswer } from './responses.js';
import {
  checkAuthentication,
  checkMedia,
  checkParameters,
  isRejection,
  readForm,
  type ProbeMedia,
  type ReadForm,
} from './validate.js';

export { createFinauthSimulatorControl, type FinauthSimulatorControl, type QueuedOutcomeInput } from './control.js';
export type { ProbeMedia } from './validate.js';

export interface FinauthSimulatorOptions {
  prefix?: string;
  apiKey: string;
  apiSecret: string;
  now?: () => Date;
  /** Defaults to `probeMedia` from contract/media/probe.ts; tests may pass a stub. */
  probe?: ProbeMedia;
  /** Pass one to steer the simulator in-process; otherwise each registration gets its own. */
  control?: FinauthSimulatorControl;
  /** Request starts per sliding second before 403 CONCURRENCY_LIMIT_EXCEEDED; FinAuth publishes none (default). */
  maxRequestsPerSecond?: number;
  /** Requests in flight before 403 CONCURRENCY_LIMIT_EXCEEDED; unlimited by default. */
  maxConcurrentRequests?: number;
}

/**
 * Above the largest body a valid request can have (a 10 MiB image plus the form) so that the simulator's own checks,
 * not Fastify, decide; a body over even this gets the same plain-text 413 the vendor's gateway sends.
 */
const ROUTE_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

function formSummary(form: ReadForm): RecordedRequest['form'] {
  return {
    sign_version: form.text.get('sign_version'),
    data_type: form.text.get('data_type'),
    files: [...form.files].map(([field, file]) => ({
      field,
      filename: file.filename,
      contentType: file.contentType,
      bytes: file.bytes.length,
    })),
  };
}

export async function finauthSimulator(app: FastifyInstance, options: FinauthSimulatorOptions): Promise<void> {
  const now = options.now ?? (() => new Date());
  const control = options.control ?? createFinauthSimulatorControl();
  const probe: ProbeMedia = options.probe ?? probeMedia;
  const credentials = { apiKey: options.apiKey, apiSecret: options.apiSecret };
  const admission = createAdmission({
    maxRequestsPerSecond: options.maxRequestsPerSecond ?? FINAUTH_HARD_LIMITS.maxRequestsPerSecond,
    maxConcurrentRequests: options.maxConcurrentRequests,
    now,
  });

  function outcomeAnswer(next: NextOutcome, timeUsedMs: number): SimulatedAnswer {
    switch (next.outcome) {
      case 'real':
      case 'suspicious':
        return successAnswer({ now: now(), timeUsedMs, result: false, score: next.score ?? OUTCOME_SCORES[next.outcome] });
      case 'fake':
        return successAnswer({ now: now(), timeUsedMs, result: true, score: next.score ?? OUTCOME_SCORES.fake });
      case 'error':
        return errorAnswer({ error: next.errorCode ?? 'INTERNAL_ERROR', httpStatus: next.httpStatus, now: now(), timeUsedMs });
    }
  }

  async function answer(request: FastifyRequest, body: Buffer): Promise<{ answer: SimulatedAnswer; form?: ReadForm }> {
    const started = performance.now();
    const timeUsedMs = () => Math.round(performance.now() - started);
    const refuse = (error: string) => errorAnswer({ error, now: now(), timeUsedMs: timeUsedMs() });

    const form = await readForm(request.headers['content-type'], body);
    if (isRejection(form)) return { answer: refuse(form.error) };
    const authError = checkAuthentication(form, credentials, now());
    if (authError) return { answer: refuse(authError.error), form };
    const params = checkParameters(form);
    if (isRejection(params)) return { answer: refuse(params.error), form };
    const mediaError = await checkMedia(params, probe);
    if (mediaError) return { answer: refuse(mediaError.error), form };
    // Only a request that would have been analysed consumes a queued outcome.
    const next = control.takeNext();
    if (next.delayMs) await sleep(next.delayMs);
    return { answer: outcomeAnswer(next, timeUsedMs()), form };
  }

  function send(request: FastifyRequest, reply: FastifyReply, result: SimulatedAnswer, body?: Buffer, form?: ReadForm) {
    control.record({
      at: now().toISOString(),
      method: request.method,
      url: request.url,
      headers: headersWithoutSecrets(request.headers),
      bodyBytes: body?.length ?? Number(request.headers['content-length'] ?? 0),
      ...(form ? { form: formSummary(form) } : {}),
      answer: { status: result.status, ...result.summary },
    });
    return reply.code(result.status).type(result.contentType).send(result.body);
  }

  await app.register(async (api) => {
    // Multipart is read by validate.ts from the raw bytes, whatever parsers the host app registered.
    api.removeAllContentTypeParsers();
    api.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ROUTE_BODY_LIMIT_BYTES }, (_request, raw, done) => {
      done(null, raw);
    });
    api.setErrorHandler((error: { code?: string; statusCode?: number }, request, reply) => {
      const at = { now: now(), timeUsedMs: 0 };
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(request, reply, errorAnswer({ error: '413', ...at }));
      if (error.statusCode !== undefined && error.statusCode < 500) {
        return send(request, reply, errorAnswer({ error: 'BAD_ARGUMENTS', ...at }));
      }
      request.log.error({ err: error }, 'finauth simulator failed');
      return send(request, reply, errorAnswer({ error: 'INTERNAL_ERROR', ...at }));
    });
    api.setNotFoundHandler((request, reply) =>
      send(request, reply, errorAnswer({ error: 'API_NOT_FOUND', now: now(), timeUsedMs: 0 })),
    );
    api.post(ANTI_DEEPFAKE_PATH, { bodyLimit: ROUTE_BODY_LIMIT_BYTES }, async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const release = admission.tryEnter();
      if (!release) {
        return send(request, reply, errorAnswer({ error: 'CONCURRENCY_LIMIT_EXCEEDED', now: now(), timeUsedMs: 0 }), body);
      }
      try {
        const result = await answer(request, body);
        return send(request, reply, result.answer, body, result.form);
      } finally {
        release();
      }
    });
  });

  registerControlRoutes(app, control, queuedOutcomeSchema);
}
