/** Public capture endpoints used by the end user's browser. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CaptureAccepted } from '@contract/api';
import type { CaseRepository } from '../cases/repository.js';
import { HttpError } from '../http-error.js';
import type { Provider } from '../providers/types.js';
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
}

const UPLOAD_KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** The optional `Idempotency-Key` header: undefined when absent, 400 when malformed (or repeated). */
function uploadKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !UPLOAD_KEY.test(header)) {
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

  /** 202 a new case; 200 the case of an earlier upload with the same Idempotency-Key (submit-capture.ts). */
  app.post('/api/captures', async (request, reply) => {
    const uploadKey = uploadKeyOf(request);
    // The body is read in full (and its meta checked) before anything else.
    const upload = await readUpload(request, reply, reader);
    const submitted = await submitCapture(deps, { ...upload, uploadKey, ip: request.ip });
    const body: CaptureAccepted = { caseId: submitted.caseId, captureToken: submitted.captureToken };
    return reply.code(submitted.status === 'created' ? 202 : 200).send(body);
  });

  app.get<{ Params: { id: string } }>('/api/captures/:id', async (request) =>
    captureStatusFor(deps.repo, request.params.id, request.headers['x-capture-token']),
  );
}
