/** GET /api/captures/:id decided: the capture's status, for the holder of its token only. */
import type { CaptureStatus } from '@contract/api';
import type { CaseRepository } from '../cases/repository.js';
import { NotFound } from '../domain-errors.js';
import { tokenMatches } from './capture-token.js';

export async function captureStatusFor(
  repo: Pick<CaseRepository, 'captureStatus'>,
  caseId: string,
  token: unknown,
): Promise<CaptureStatus> {
  const row = await repo.captureStatus(caseId);
  // Same answer for "no such case" and "wrong token": the id alone reveals nothing.
  if (!row || !tokenMatches(token, row.tokenHash)) throw new NotFound('not_found', 'No capture with this id for this token.');
  const status: CaptureStatus = { status: row.status };
  if (row.status === 'retake' && row.retakeReason) status.reason = row.retakeReason;
  return status;
}
