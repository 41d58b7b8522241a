/**
 * The pieces both Alibaba simulators are made of: a raw-body POP route (the signature covers the exact bytes, so
 * nothing may parse them first) that answers JSON with the gateway's statuses and records a secret-free history,
 * and the cloudauth deepfake handler behind it (gate → parameters → media → queued outcome).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { popErrorAnswer } from '../pop-error.js';
import type { CloudauthSimulatorControl, RecordedRequest } from './control.js';
import { headersWithoutSecrets, urlWithoutSecrets } from './control.js';
import type { Acs3Gate, GateRejection, IncomingRpcRequest } from './gate.js';
import { checkFaceMedia, downloadFaceUrl, isRejection, type CloudauthMediaRules, type ProbeMedia } from './media.js';
import { collectParams, readFaceParams, type FaceSource, type RpcParams } from './params.js';
import { successBody } from './responses.js';

export interface PopReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  summary: Omit<RecordedRequest['answer'], 'httpStatus'>;
}

export interface PopIdentity {
  /** HostId in error bodies: the real product host the simulator stands in for. */
  hostId: string;
  /** `product` in the Recommend link, e.g. `Cloudauth-intl`. */
  product: string;
}

export function popErrorReply(identity: PopIdentity, rejection: GateRejection, status?: number): PopReply {
  const answer = popErrorAnswer({ ...identity, code: rejection.code, detail: rejection.detail, status });
  const headers: Record<string, string> = {};
  // The SDK reads x-acs-retry-after on throttling errors (spec §2).
  if (rejection.retryAfterMs !== undefined) headers['x-acs-retry-after'] = String(rejection.retryAfterMs);
  return {
    status: answer.status,
    body: answer.body,
    headers,
    summary: { requestId: answer.body.RequestId, errorCode: rejection.code },
  };
}

export function incomingRequest(request: FastifyRequest, body: Buffer): IncomingRpcRequest {
  const raw = request.raw.url ?? '/';
  const queryAt = raw.indexOf('?');
  return {
    method: request.method,
    path: queryAt < 0 ? raw : raw.slice(0, queryAt),
    rawQuery: queryAt < 0 ? '' : raw.slice(queryAt + 1),
    headers: request.headers,
    body,
  };
}

export interface PopRouteOptions {
  identity: PopIdentity;
  control: CloudauthSimulatorControl;
  now: () => Date;
  methods: ('GET' | 'POST')[];
  urls: string[];
  bodyLimit: number;
  /** Answered when a body exceeds bodyLimit, so the simulator and not Fastify says "too large". */
  tooLargeCode: string;
  handle(request: IncomingRpcRequest): Promise<PopReply>;
}

export async function registerPopRoute(app: FastifyInstance, options: PopRouteOptions): Promise<void> {
  const { identity, control, now } = options;

  function send(request: FastifyRequest, reply: FastifyReply, bodyBytes: number, answer: PopReply) {
    control.record({
      at: now().toISOString(),
      method: request.method,
      url: urlWithoutSecrets(request.url),
      headers: headersWithoutSecrets(request.headers),
      bodyBytes,
      answer: { httpStatus: answer.status, ...answer.summary },
    });
    for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
    return reply.code(answer.status).type('application/json;charset=utf-8').send(JSON.stringify(answer.body));
  }

  await app.register(async (api) => {
    api.removeAllContentTypeParsers();
    api.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimit }, (_request, raw, done) => {
      done(null, raw);
    });
    api.setErrorHandler((error: { code?: string; statusCode?: number }, request, reply) => {
      const bodyBytes = Number(request.headers['content-length'] ?? 0);
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return send(request, reply, bodyBytes, popErrorReply(identity, { code: options.tooLargeCode }));
      }
      if (error.statusCode !== undefined && error.statusCode < 500) {
        return send(request, reply, bodyBytes, popErrorReply(identity, { code: 'InvalidParameter' }));
      }
      request.log.error({ err: error }, 'alibaba simulator failed');
      return send(request, reply, bodyBytes, popErrorReply(identity, { code: 'InternalError' }));
    });
    for (const url of options.urls) {
      api.route({
        method: options.methods,
        url,
        bodyLimit: options.bodyLimit,
        handler: async (request, reply) => {
          const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          return send(request, reply, body.length, await options.handle(incomingRequest(request, body)));
        },
      });
    }
  });
}

export interface DetectAction {
  version: string;
  acceptsFaceFile: boolean;
  /** The order id parameter (MerchantBizId or OuterOrderNo) and any other product-specific checks. */
  checkParams(params: RpcParams): GateRejection | undefined;
  withTransactionId?: boolean;
}

export interface DetectHandlerOptions {
  identity: PopIdentity;
  gate: Acs3Gate;
  control: CloudauthSimulatorControl;
  probe: ProbeMedia;
  rules: CloudauthMediaRules;
  fetch: typeof fetch;
  /** "Success" (intl) or "200" (China). */
  successCode: string;
  actions: Readonly<Record<string, DetectAction>>;
  /** Where a FaceFile URL's bytes are (the simulator's own OSS); only for actions that accept FaceFile. */
  resolveFaceFile?: (url: string) => Buffer | GateRejection;
}

export function createDetectHandler(options: DetectHandlerOptions): (request: IncomingRpcRequest) => Promise<PopReply> {
  const versions = Object.fromEntries(Object.entries(options.actions).map(([action, spec]) => [action, spec.version]));
  const refuse = (rejection: GateRejection, status?: number) => popErrorReply(options.identity, rejection, status);

  async function loadFace(source: FaceSource): Promise<Buffer | GateRejection> {
    if (source.kind === 'base64') return source.bytes;
    if (source.kind === 'url') return downloadFaceUrl(source.url, options.fetch, options.rules.download);
    return options.resolveFaceFile?.(source.url) ?? { code: 'InvalidParameter', detail: 'FaceFile' };
  }

  return async (request) => {
    const rejected = options.gate.check(request, versions);
    if (rejected) return refuse(rejected);
    const action = options.actions[String(request.headers['x-acs-action'])];
    if (!action) return refuse({ code: 'InvalidAction.NotFound' });
    const contentType = request.headers['content-type'];
    const params = collectParams(request.rawQuery, request.body, Array.isArray(contentType) ? contentType[0] : contentType);
    const paramProblem = action.checkParams(params);
    if (paramProblem) return refuse(paramProblem);
    const face = readFaceParams(params, { acceptsFaceFile: action.acceptsFaceFile });
    if (isRejection(face)) return refuse(face);
    const bytes = await loadFace(face.source);
    if (isRejection(bytes)) return refuse(bytes);
    const mediaProblem = await checkFaceMedia(face.faceInputType, bytes, options.probe, options.rules);
    if (mediaProblem) return refuse(mediaProblem);

    // Only a request that would have been analysed consumes a queued outcome.
    const next = options.control.takeNext();
    if (next.delayMs) await sleep(next.delayMs);
    if (next.outcome === 'error') {
      return refuse({ code: next.errorCode ?? 'InternalError', retryAfterMs: next.retryAfterMs }, next.httpStatus);
    }
    const body = successBody({ ...next, outcome: next.outcome }, options.successCode, action.withTransactionId);
    return { status: 200, body, summary: { requestId: body.RequestId, result: body.ResultObject.Result } };
  };
}
