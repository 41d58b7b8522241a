/**
 * What happens to a capture once its body has been read (captures/read-upload.ts): a repeat of an
 * earlier upload is answered with that upload's case, anything else becomes a new case — its
 * files checked, stored with the case and its pending vendor checks, audited, the checks started
 * and the capture's screening scheduled.
 *
 * Re-sent uploads (automatic retries, "Try again") carry the same Idempotency-Key. Its sha256 is
 * stored on the case under a unique index. A repeat creates nothing: it answers the same caseId
 * and a NEW capture token, which replaces the stored token hash. Rotating is the simplest correct
 * choice: tokens are stored hashed so the first one cannot be shown again, and the client only
 * ever holds the answer to its latest attempt (earlier ones were lost or aborted). The key itself
 * is never stored, so it cannot be read back from the database. Two copies racing both pass the
 * lookup; the unique index lets one insert win and the other replays the winner's case (the last
 * replay's token is the valid one). A repeat is not probed again (its staged files are
 * discarded), and it is not a new case.created audit event.
 */
import { randomUUID } from 'node:crypto';
import type { CaptureMeta } from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import type { CaseRepository } from '../cases/repository.js';
import { PENDING_INTEGRITY, type CaptureIntegrityScreening } from '../checks/capture-integrity.js';
import type { CheckRunner } from '../checks/runner.js';
import { Conflict, TryAgain } from '../domain-errors.js';
import { assertMediaFits } from '../media/media-for-provider.js';
import { removeCreated, storeThenSave } from '../media/store-then-save.js';
import type { MediaStore, StagedMedia } from '../media/store.js';
import type { Provider } from '../providers/types.js';
import { hashToken, newCaptureToken } from './capture-token.js';
import { probeUpload, type ProbedFile } from './check-media.js';

export interface SubmitCaptureDeps {
  repo: Pick<CaseRepository, 'create' | 'replayUpload' | 'mediaOfUpload'>;
  media: MediaStore;
  runner: Pick<CheckRunner, 'enqueue'>;
  /** Screens every capture on this box; undefined when LOCAL_SCREENING=off. */
  integrity?: Pick<CaptureIntegrityScreening, 'schedule'>;
  audit?: AuditLog;
}

export interface CaptureUpload {
  meta: CaptureMeta;
  /** The chosen providers, enabled on this server, without repeats. */
  chosen: Provider[];
  /** Staged files by field name (`video`, `image`, `video.<providerId>`…); none is kept unless the capture is. */
  files: Map<string, StagedMedia>;
  /** The Idempotency-Key header, when sent. */
  uploadKey?: string;
  /** The sender's address, for the audit record. */
  ip: string;
  /** The integrator session the upload came through (X-Session-Token). */
  session?: { id: string; applicationId: string; reference: string };
}

export interface SubmittedCapture {
  /** `created`: a new case; `replayed`: the case of an earlier upload with the same key. */
  status: 'created' | 'replayed';
  caseId: string;
  captureToken: string;
}

/** A new token for the case holding `uploadKeyHash`, if one does. */
async function replay(repo: SubmitCaptureDeps['repo'], uploadKeyHash: string): Promise<SubmittedCapture | undefined> {
  const captureToken = newCaptureToken();
  const caseId = await repo.replayUpload(uploadKeyHash, hashToken(captureToken));
  return caseId ? { status: 'replayed', caseId, captureToken } : undefined;
}

export async function submitCapture(deps: SubmitCaptureDeps, upload: CaptureUpload): Promise<SubmittedCapture> {
  // A session's keys are its own: the same key sent with another session is another upload.
  const uploadKeyHash =
    upload.uploadKey === undefined
      ? undefined
      : hashToken(upload.session ? `${upload.session.id}:${upload.uploadKey}` : upload.uploadKey);
  try {
    if (uploadKeyHash) {
      const replayed = await replay(deps.repo, uploadKeyHash);
      if (replayed) return replayed;
    }
    // Everything is checked before anything is stored.
    const files: ProbedFile[] = [];
    for (const [role, staged] of upload.files) files.push(await probeUpload(role, staged, deps.media));
    assertMediaFits(upload.chosen, files);
    try {
      return await createCase(deps, upload, files, uploadKeyHash);
    } catch (err) {
      // A session taken meanwhile by a copy of this very upload (same key): answer that copy's case.
      const replayed = err instanceof Conflict && uploadKeyHash ? await replay(deps.repo, uploadKeyHash) : undefined;
      if (replayed) return replayed;
      throw err;
    }
  } finally {
    // Committed files have left staging already; the rest (a repeat's, a refused upload's) go.
    await Promise.all([...upload.files.values()].map((staged) => deps.media.discard(staged)));
  }
}

async function createCase(
  deps: SubmitCaptureDeps,
  upload: CaptureUpload,
  files: ProbedFile[],
  uploadKeyHash: string | undefined,
): Promise<SubmittedCapture> {
  const caseId = randomUUID();
  const captureToken = newCaptureToken();
  const checks = upload.chosen.map((p) => ({ id: randomUUID(), providerId: p.id, mode: p.mode, idempotencyKey: randomUUID() }));
  const { saved: created, stored } = await storeThenSave(
    deps.media,
    files,
    (file) => deps.media.commit(file.staged),
    (objects) =>
      deps.repo.create({
        id: caseId,
        captureTokenHash: hashToken(captureToken),
        ...(uploadKeyHash ? { uploadKeyHash } : {}),
        telemetry: upload.meta.telemetry ?? {},
        ...(deps.integrity ? { integrity: PENDING_INTEGRITY } : {}),
        consent: upload.meta.consent,
        media: objects.map(({ item: file, sha256 }) => ({
          role: file.role,
          sha256,
          mime: file.probe.mime,
          byteLength: file.byteLength,
          probe: file.probe,
        })),
        checks,
        ...(upload.session ? { session: upload.session } : {}),
      }),
  );
  if (!created && uploadKeyHash) {
    // A copy with the same key won the race: keep its files (the same bytes may be ours), drop the rest.
    const kept = new Set((await deps.repo.mediaOfUpload(uploadKeyHash)).map((m) => m.sha256));
    await removeCreated(deps.media, stored, kept);
    const replayed = await replay(deps.repo, uploadKeyHash);
    if (replayed) return replayed;
    throw new TryAgain('upload_conflict', 'This upload is being stored by another request. Try again.');
  }
  await deps.audit?.record({
    actor: { type: 'capture' },
    action: 'case.created',
    caseId,
    detail: {
      providers: upload.chosen.map((p) => p.id),
      media: [...upload.files.keys()],
      ip: upload.ip,
      ...(upload.session ? { sessionId: upload.session.id, applicationId: upload.session.applicationId } : {}),
    },
  });
  checks.forEach((c) => deps.runner.enqueue(c.id));
  // After the vendor checks, and it waits for the next loop turn: it never goes before them.
  deps.integrity?.schedule(caseId);
  return { status: 'created', caseId, captureToken };
}
