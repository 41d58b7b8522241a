/**
 * The simulated OSS bucket behind AuthorizeFileUpload: `POST {prefix}/oss/` is PostObject (policy-authorised, XML
 * answers), and uploaded objects are kept in memory, bounded in time and total size, for FaceFile to name.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CloudauthSimulatorControl } from '../../alibaba-acs3/simulator/control.js';
import { headersWithoutSecrets } from '../../alibaba-acs3/simulator/control.js';
import { boundaryOf, parseMultipart } from '../multipart.js';
import { checkPostObject, OSS_ERRORS, type OssRejection, type SimulatedBucket } from './oss-policy.js';

/** (guess) Enough for a handful of concurrent demo checks. */
const MAX_STORED_BYTES = 200 * 1024 * 1024;

export interface ObjectStore {
  put(key: string, bytes: Buffer): void;
  get(key: string): Buffer | undefined;
  size(): number;
}

/** Objects expire after `ttlMs`; beyond MAX_STORED_BYTES the oldest go first. */
export function createObjectStore(options: { ttlMs: number; now: () => number; maxBytes?: number }): ObjectStore {
  const objects = new Map<string, { bytes: Buffer; storedAt: number }>();
  const maxBytes = options.maxBytes ?? MAX_STORED_BYTES;
  let total = 0;
  function evict() {
    const nowMs = options.now();
    for (const [key, object] of objects) {
      if (nowMs - object.storedAt < options.ttlMs && total <= maxBytes) break;
      objects.delete(key);
      total -= object.bytes.length;
    }
  }
  return {
    put(key, bytes) {
      const old = objects.get(key);
      if (old) total -= old.bytes.length;
      objects.delete(key);
      objects.set(key, { bytes: Buffer.from(bytes), storedAt: options.now() });
      total += bytes.length;
      evict();
    },
    get(key) {
      evict();
      return objects.get(key)?.bytes;
    },
    size: () => objects.size,
  };
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** OSS request ids: 24 uppercase hex characters (public error examples). */
function newOssRequestId(): string {
  return randomBytes(12).toString('hex').toUpperCase();
}

export interface OssRouteOptions {
  bucket: SimulatedBucket;
  store: ObjectStore;
  control: CloudauthSimulatorControl;
  now: () => Date;
  bodyLimit: number;
}

export async function registerOssRoutes(app: FastifyInstance, options: OssRouteOptions): Promise<void> {
  const { bucket, store, control, now } = options;
  const hostId = `${bucket.bucket}.${bucket.endpoint}`;

  function send(
    request: FastifyRequest,
    reply: FastifyReply,
    answer: { status: number; xml?: string; errorCode?: string; requestId?: string },
  ) {
    const { status, xml, errorCode } = answer;
    const requestId = answer.requestId ?? newOssRequestId();
    control.record({
      at: now().toISOString(),
      method: request.method,
      url: request.url,
      headers: headersWithoutSecrets(request.headers),
      bodyBytes: Number(request.headers['content-length'] ?? 0),
      answer: { httpStatus: status, requestId, errorCode },
    });
    reply.header('x-oss-request-id', requestId);
    if (xml === undefined) return reply.code(status).send();
    return reply.code(status).type('application/xml').send(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
  }

  function sendError(request: FastifyRequest, reply: FastifyReply, rejection: OssRejection) {
    const requestId = newOssRequestId();
    const xml =
      `<Error>\n  <Code>${rejection.code}</Code>\n  <Message>${xmlEscape(rejection.message)}</Message>\n` +
      `  <RequestId>${requestId}</RequestId>\n  <HostId>${hostId}</HostId>\n</Error>`;
    return send(request, reply, { status: rejection.status, xml, errorCode: rejection.code, requestId });
  }

  await app.register(async (oss) => {
    oss.removeAllContentTypeParsers();
    oss.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimit }, (_request, raw, done) => {
      done(null, raw);
    });
    oss.setErrorHandler((error: { code?: string; statusCode?: number }, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return sendError(request, reply, OSS_ERRORS.tooLarge);
      }
      request.log.error({ err: error }, 'alibaba-intl OSS simulator failed');
      return sendError(request, reply, OSS_ERRORS.internal);
    });
    const postObject = async (request: FastifyRequest, reply: FastifyReply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const boundary = boundaryOf(request.headers['content-type']);
      if (!boundary) return sendError(request, reply, OSS_ERRORS.notMultipart);
      const parts = parseMultipart(body, boundary);
      if (!parts) return sendError(request, reply, OSS_ERRORS.malformed);
      const file = parts.find((part) => part.name === 'file');
      if (!file) return sendError(request, reply, OSS_ERRORS.missingFile);
      const fields = new Map(
        parts.filter((part) => part.name !== 'file').map((part) => [part.name, part.data.toString('utf8')] as const),
      );
      const rejection = checkPostObject({ fields, fileBytes: file.data.length }, bucket, now());
      if (rejection) return sendError(request, reply, rejection);

      const key = fields.get('key') ?? '';
      store.put(key, file.data);
      reply.header('ETag', `"${createHash('md5').update(file.data).digest('hex').toUpperCase()}"`);
      const status = fields.get('success_action_status');
      if (status === '201') {
        const location = `http://${hostId}/${encodeURI(key)}`;
        const xml =
          `<PostResponse>\n  <Bucket>${bucket.bucket}</Bucket>\n  <Location>${xmlEscape(location)}</Location>\n` +
          `  <Key>${xmlEscape(key)}</Key>\n</PostResponse>`;
        return send(request, reply, { status: 201, xml });
      }
      // Public: 200 with an empty body when asked for 200, else 204.
      return send(request, reply, { status: status === '200' ? 200 : 204 });
    };
    oss.post('/oss/', { bodyLimit: options.bodyLimit }, postObject);
    oss.post('/oss', { bodyLimit: options.bodyLimit }, postObject);
  });
}

/** FaceFile = `http://{Bucket}.{Endpoint}/{ObjectKey}` (the SDK's form); undefined unless it names this bucket. */
export function objectKeyOf(faceFile: string, bucket: SimulatedBucket): string | undefined {
  let url: URL;
  try {
    url = new URL(faceFile);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.host !== `${bucket.bucket}.${bucket.endpoint}`)
    return undefined;
  try {
    return decodeURIComponent(url.pathname.slice(1));
  } catch {
    return undefined;
  }
}
