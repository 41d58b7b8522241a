/** Public capture endpoints used by the end user's browser. */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { CaptureAccepted, CaptureStatus } from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import type { CaseRepository } from '../cases/repository.js';
import { PENDING_INTEGRITY, type CaptureIntegrityScreening } from '../checks/capture-integrity.js';
import type { CheckRunner } from '../checks/runner.js';
import { HttpError } from '../http-error.js';
import type { MediaStore, StagedMedia } from '../media/store.js';
import type { VendorGateway } from '../checks/vendor-gateway.js';
import { assertMediaFits } from '../media/media-for-provider.js';
import { probeUpload, type ProbedFile } from './check-media.js';
import { readUpload, type UploadReaderDeps } from './read-upload.js';
import { lingerThenClose, type BodyRate } from './upload-body.js';

export interface CaptureRouteDeps {
  repo: CaseRepository;
  media: MediaStore;
  runner: CheckRunner;
  /** Screens every capture on this box; undefined when LOCAL_SCREENING=off. */
  integrity?: CaptureIntegrityScreening;
  gateways: Map<string, VendorGateway>;
  maxUploadBytes: number;
  /** The slowest upload body tolerated (UPLOAD_MIN_BYTES_PER_SECOND over UPLOAD_RATE_WINDOW_SECONDS). */
  uploadRate: BodyRate;
  audit?: AuditLog;
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

const UPLOAD_KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** The optional `Idempotency-Key` header: undefined when absent, 400 when malformed (or repeated). */
function uploadKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !UPLOAD_KEY.test(header)) {
    throw new HttpError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 8–128 characters of A–Z, a–z, 0–9, "_" or "-".');
  }
  return header;
}

export async function captureRoutes(app: FastifyInstance, deps: CaptureRouteDeps): Promise<void> {
  /*
   * Re-sent uploads (automatic retries, "Try again") carry the same Idempotency-Key. Its sha256 is
   * stored on the case under a unique index. A repeat creates nothing: it answers 200 with the
   * same caseId and a NEW capture token, which replaces the stored token hash. Rotating is the
   * simplest correct choice: tokens are stored hashed so the first one cannot be shown again, and
   * the client only ever holds the answer to its latest attempt (earlier ones were lost or
   * aborted). The key itself is never stored, so it cannot be read back from the database.
   * Two copies racing both pass the lookup; the unique index lets one insert win and the other
   * replays the winner's case (the last replay's token is the valid one). The body is still read
   * in full (and meta checked) before the lookup; a repeat is not probed again (its staged files
   * are discarded), and it is not a new case.created audit event.
   */
  const reader: UploadReaderDeps = {
    media: deps.media,
    providers: new Map([...deps.gateways].map(([id, g]) => [id, g.provider])),
    maxFileBytes: deps.maxUploadBytes,
    rate: deps.uploadRate,
  };
  const discardAll = (staged: Iterable<StagedMedia>) => Promise.all([...staged].map((s) => deps.media.discard(s)));

  async function replay(keyHash: string): Promise<CaptureAccepted | undefined> {
    const captureToken = randomBytes(32).toString('base64url');
    const caseId = await deps.repo.replayUpload(keyHash, hashToken(captureToken));
    return caseId ? { caseId, captureToken } : undefined;
  }

  app.post('/api/captures', async (request, reply) => {
    let uploadKey: string | undefined;
    try {
      uploadKey = uploadKeyOf(request.headers['idempotency-key']);
    } catch (err) {
      lingerThenClose(request.raw); // the body will not be read
      throw err;
    }
    const upload = await readUpload(request, reply, reader);
    const uploadKeyHash = uploadKey === undefined ? undefined : hashToken(uploadKey);
    const { chosen } = upload;
    const roles = [...upload.files.keys()];
    const stored: Array<{ sha256: string; created: boolean }> = [];
    const caseId = randomUUID();
    const captureToken = randomBytes(32).toString('base64url');
    const checks = chosen.map((p) => ({ id: randomUUID(), providerId: p.id, mode: p.mode, idempotencyKey: randomUUID() }));
    let created: boolean;
    try {
      if (uploadKeyHash) {
        const replayed = await replay(uploadKeyHash);
        if (replayed) {
          await discardAll(upload.files.values());
          return reply.code(200).send(replayed);
        }
      }
      // Everything is checked before anything is stored.
      const files = new Map<string, ProbedFile>();
      for (const [role, staged] of upload.files) files.set(role, await probeUpload(role, staged, deps.media));
      assertMediaFits(chosen, [...files.values()]);

      const media = [];
      for (const file of files.values()) {
        const put = await deps.media.commit(file.staged);
        upload.files.delete(file.role);
        stored.push(put);
        media.push({ role: file.role, sha256: put.sha256, mime: file.probe.mime, byteLength: file.byteLength, probe: file.probe });
      }
      created = await deps.repo.create({
        id: caseId,
        captureTokenHash: hashToken(captureToken),
        ...(uploadKeyHash ? { uploadKeyHash } : {}),
        telemetry: upload.meta.telemetry ?? {},
        ...(deps.integrity ? { integrity: PENDING_INTEGRITY } : {}),
        consent: upload.meta.consent,
        media,
        checks,
      });
    } catch (err) {
      // Leave nothing behind: staged files, and only the stored files this request created (others may share them).
      await discardAll(upload.files.values());
      await Promise.all(stored.filter((s) => s.created).map((s) => deps.media.remove(s.sha256)));
      throw err;
    }
    if (!created && uploadKeyHash) {
      // A copy with the same key won the race: keep its files (the same bytes may be ours), drop the rest.
      const kept = new Set((await deps.repo.mediaOfUpload(uploadKeyHash)).map((m) => m.sha256));
      await Promise.all(stored.filter((s) => s.created && !kept.has(s.sha256)).map((s) => deps.media.remove(s.sha256)));
      const replayed = await replay(uploadKeyHash);
      if (replayed) return reply.code(200).send(replayed);
      throw new HttpError(503, 'upload_conflict', 'This upload is being stored by another request. Try again.');
    }
    await deps.audit?.record({
      actor: { type: 'capture' },
      action: 'case.created',
      caseId,
      detail: { providers: chosen.map((p) => p.id), media: roles, ip: request.ip },
    });
    checks.forEach((c) => deps.runner.enqueue(c.id));
    // After the vendor checks, and it waits for the next loop turn: it never goes before them.
    deps.integrity?.schedule(caseId);
    const body: CaptureAccepted = { caseId, captureToken };
    return reply.code(202).send(body);
  });

  app.get<{ Params: { id: string } }>('/api/captures/:id', async (request) => {
    const token = request.headers['x-capture-token'];
    const row = await deps.repo.captureStatus(request.params.id);
    // Same answer for "no such case" and "wrong token": the id alone reveals nothing.
    const notFound = new HttpError(404, 'not_found', 'No capture with this id for this token.');
    if (!row || typeof token !== 'string') throw notFound;
    const given = Buffer.from(hashToken(token), 'hex');
    const expected = Buffer.from(row.tokenHash, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw notFound;
    const body: CaptureStatus = { status: row.status as CaptureStatus['status'] };
    if (row.status === 'retake' && row.retakeReason) body.reason = row.retakeReason as CaptureStatus['reason'];
    return body;
  });
}
