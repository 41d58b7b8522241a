/** Public capture endpoints used by the end user's browser. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  IDEMPOTENCY_KEY_PATTERN,
  captureAcceptedSchema,
  captureParamsSchema,
  captureStatusHeadersSchema,
  captureStatusSchema,
  captureUploadFormSchema,
  captureUploadHeadersSchema,
  type CaptureAccepted,
} from '@contract/api';
import type { CaseRepository } from '../cases/repository.js';
import { HttpError } from '../http-error.js';
import { errorAnswers } from '../http/answers.js';
import { describeOnly } from '../http/validation.js';
import type { Provider } from '../providers/types.js';
import type { SessionService } from '../sessions/service.js';
import { captureStatusFor } from './capture-status.js';
import { readUpload, type UploadReaderDeps } from './read-upload.js';
import { submitCapture, type SubmitCaptureDeps } from './submit-capture.js';
import { lingerThenClose, type BodyRate } from './upload-body.js';

export interface CaptureRouteDeps extends SubmitCaptureDeps {
  repo: CaseRepository;
  /** Enabled providers by id. */
  providers: ReadonlyMap<string, Provider>;
  maxUploadBytes: number;
  /** The slowest upload body tolerated (UPLOAD_MIN_BYTES_PER_SECOND over UPLOAD_RATE_WINDOW_SECONDS). */
  uploadRate: BodyRate;
  /** Capture sessions (X-Session-Token); without them every upload is anonymous. */
  sessions?: Pick<SessionService, 'forUpload'>;
  /** PUBLIC_CAPTURE: anonymous uploads (no session token) are taken. */
  publicCapture?: boolean;
}

/** The optional `Idempotency-Key` header: undefined when absent, 400 when malformed (or repeated). */
function uploadKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(header)) {
    lingerThenClose(request.raw); // the body will not be read
    throw new HttpError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 8–128 characters of A–Z, a–z, 0–9, "_" or "-".');
  }
  return header;
}

export async function captureRoutes(app: FastifyInstance, deps: CaptureRouteDeps): Promise<void> {
  const reader: UploadReaderDeps = {
    media: deps.media,
    providers: deps.providers,
    maxFileBytes: deps.maxUploadBytes,
    rate: deps.uploadRate,
  };

  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['capture'];

  /**
   * 202 a new case; 200 the case of an earlier upload with the same Idempotency-Key (submit-capture.ts).
   * With `X-Session-Token` the upload is the session's one upload: 404 session_not_found, 410 session_expired |
   * session_cancelled, 409 session_used (another upload took it), 400 providers_mismatch. Without one and
   * PUBLIC_CAPTURE=off: 401 session_required.
   */
  api.post(
    '/api/captures',
    {
      schema: {
        tags,
        summary: 'Upload a capture: meta first, then the clip (and stills, fitted files); starts the checks',
        consumes: ['multipart/form-data'],
        headers: captureUploadHeadersSchema,
        body: captureUploadFormSchema,
        response: {
          202: captureAcceptedSchema.describe('A new case; its checks have started'),
          200: captureAcceptedSchema.describe("A repeat of a stored Idempotency-Key: the earlier upload's case, a new token"),
          ...errorAnswers({
            400: [
              'invalid_multipart',
              'missing_meta',
              'meta_not_first',
              'invalid_meta',
              'consent_required',
              'unknown_provider',
              'missing_video',
              'unexpected_field',
              'too_many_parts',
              'invalid_idempotency_key',
              'upload_aborted',
              'providers_mismatch',
            ],
            401: ['session_required'],
            404: ['session_not_found'],
            408: ['upload_too_slow'],
            409: ['session_used'],
            410: ['session_expired', 'session_cancelled'],
            413: ['meta_too_large', 'file_too_large', 'request_too_large'],
            415: ['unsupported_media', 'not_a_video', 'not_an_image'],
            422: ['truncated_media', 'corrupt_media', 'no_video_track', 'dimension_mismatch', 'media_out_of_limits'],
            503: ['busy', 'storage_full'],
          }),
        },
      },
      // The body streams to disk through read-upload.ts (meta first, each file refused or staged as it
      // arrives), never parsed by Fastify; the header is checked below so a bad one still drains the body.
      validatorCompiler: describeOnly('body', 'headers'),
    },
    async (request, reply) => {
      const uploadKey = uploadKeyOf(request);
      const session = await sessionOf(request, uploadKey !== undefined);
      // The body is read in full (and its meta checked) before anything else.
      const upload = await readUpload(request, reply, session ? { ...reader, sessionProviders: session.providers } : reader);
      const submitted = await submitCapture(deps, {
        ...upload,
        uploadKey,
        ip: request.ip,
        ...(session ? { session: { id: session.id, applicationId: session.applicationId, reference: session.reference } } : {}),
      });
      const body: CaptureAccepted = { caseId: submitted.caseId, captureToken: submitted.captureToken };
      return reply.code(submitted.status === 'created' ? 202 : 200).send(body);
    },
  );

  /** The session named by X-Session-Token, checked before the body is read (refused: the body is not read). */
  async function sessionOf(request: FastifyRequest, hasUploadKey: boolean) {
    const token = request.headers['x-session-token'];
    try {
      if (token === undefined) {
        if (deps.publicCapture === false)
          throw new HttpError(401, 'session_required', 'This server takes captures only through a session link.');
        return undefined;
      }
      if (typeof token !== 'string' || !deps.sessions)
        throw new HttpError(404, 'session_not_found', 'No capture session has this link.');
      return await deps.sessions.forUpload(token, hasUploadKey);
    } catch (err) {
      lingerThenClose(request.raw);
      throw err;
    }
  }

  api.get(
    '/api/captures/:id',
    {
      schema: {
        tags,
        summary: "A capture's status, for the holder of its token (no scores)",
        params: captureParamsSchema,
        headers: captureStatusHeadersSchema,
        response: { 200: captureStatusSchema, ...errorAnswers({ 404: ['not_found'] }) },
      },
    },
    async (request) => captureStatusFor(deps.repo, request.params.id, request.headers['x-capture-token']),
  );
}
