import type { CaseDetail } from '@contract/api';
import type { CaseRepository } from '../cases/repository.js';
import { caseDetailView } from '../cases/views.js';

/** A case as GET /api/cases/:id shows it, with provider ids as names and media roles as URLs. */
export async function caseDetailOf(repo: CaseRepository, caseId: string): Promise<CaseDetail | undefined> {
  const record = await repo.caseRecord(caseId);
  return record && caseDetailView(record, { providerName: (id) => id, mediaUrl: (role) => role });
}
