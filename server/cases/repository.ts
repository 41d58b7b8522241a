/** Every read and write of cases, their media and their checks. */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { CaptureConsent, CaseDetail, CaseSummary, CheckStatus, CheckView, MediaView } from '../api-types.js';
import type { Db } from '../db/client.js';
import { caseMedia, cases, checks } from '../db/schema.js';
import type { CheckOutcome, ProviderId, ProviderMode, RetakeReason } from '../providers/types.js';
import { deriveCaseStatus, hasDisagreement } from './status.js';

export interface NewCase {
  id: string;
  captureTokenHash: string;
  telemetry: Record<string, unknown>;
  /** Required from the capture route; optional here so fixtures without a person can be stored. */
  consent?: CaptureConsent;
  media: Array<{ role: string; sha256: string; mime: string; byteLength: number; probe: object }>;
  checks: Array<{ id: string; providerId: ProviderId; mode: ProviderMode; idempotencyKey: string }>;
}

export type CheckRow = typeof checks.$inferSelect;
export type MediaRow = typeof caseMedia.$inferSelect;

export function createCaseRepository(db: Db, providerName: (id: string) => string) {
  async function refreshCaseStatus(caseId: string): Promise<void> {
    const rows = await db.select().from(checks).where(eq(checks.caseId, caseId));
    const derived = deriveCaseStatus(
      rows.map((r) => ({ status: r.status as CheckStatus, outcome: r.outcome as CheckOutcome | null })),
    );
    await db
      .update(cases)
      .set({ status: derived.status, retakeReason: derived.retakeReason ?? null })
      .where(eq(cases.id, caseId));
  }

  function toCheckView(r: CheckRow): CheckView {
    return {
      id: r.id,
      providerId: r.providerId as ProviderId,
      providerName: providerName(r.providerId),
      mode: r.mode as ProviderMode,
      status: r.status as CheckStatus,
      attempts: r.attempts,
      outcome: (r.outcome as CheckOutcome | null) ?? undefined,
      createdAt: r.createdAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString(),
    };
  }

  return {
    /** Case, media rows and pending checks land together or not at all. */
    async create(c: NewCase): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.insert(cases).values({
          id: c.id,
          status: 'processing',
          captureTokenHash: c.captureTokenHash,
          telemetry: c.telemetry,
          consentVersion: c.consent?.version ?? null,
          consentAcceptedAt: c.consent ? new Date(c.consent.acceptedAt) : null,
          consentLocale: c.consent?.locale ?? null,
        });
        if (c.media.length > 0) {
          await tx.insert(caseMedia).values(
            c.media.map((m) => ({
              caseId: c.id,
              role: m.role,
              sha256: m.sha256,
              mime: m.mime,
              byteLength: m.byteLength,
              probe: m.probe as Record<string, unknown>,
            })),
          );
        }
        if (c.checks.length > 0) {
          await tx.insert(checks).values(c.checks.map((k) => ({ ...k, caseId: c.id, status: 'pending' })));
        }
      });
    },

    async captureStatus(caseId: string) {
      const [row] = await db
        .select({ status: cases.status, retakeReason: cases.retakeReason, tokenHash: cases.captureTokenHash })
        .from(cases)
        .where(eq(cases.id, caseId));
      return row;
    },

    async list(limit: number): Promise<CaseSummary[]> {
      const rows = await db.select().from(cases).orderBy(desc(cases.createdAt)).limit(limit);
      if (rows.length === 0) return [];
      const checkRows = await db
        .select()
        .from(checks)
        .where(
          inArray(
            checks.caseId,
            rows.map((r) => r.id),
          ),
        );
      return rows.map((r) => ({
        id: r.id,
        createdAt: r.createdAt.toISOString(),
        status: r.status as CaseSummary['status'],
        disagreement: hasDisagreement(checkRows.filter((k) => k.caseId === r.id).map((k) => k.outcome as CheckOutcome | null)),
        checks: checkRows
          .filter((k) => k.caseId === r.id)
          .map((k) => {
            const o = k.outcome as CheckOutcome | null;
            return {
              providerId: k.providerId as ProviderId,
              mode: k.mode as ProviderMode,
              status: k.status as CheckStatus,
              verdict: o?.kind === 'result' ? o.verdict : undefined,
              category: o?.kind === 'error' ? o.category : undefined,
            };
          }),
      }));
    },

    async detail(caseId: string, mediaUrl: (role: string) => string): Promise<CaseDetail | undefined> {
      const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
      if (!row) return undefined;
      const mediaRows = await db.select().from(caseMedia).where(eq(caseMedia.caseId, caseId));
      const checkRows = await db.select().from(checks).where(eq(checks.caseId, caseId)).orderBy(checks.createdAt);
      const media: MediaView[] = mediaRows.map((m) => ({
        role: m.role as MediaView['role'],
        sha256: m.sha256,
        mime: m.mime,
        bytes: m.byteLength,
        probe: m.probe,
        url: mediaUrl(m.role),
      }));
      return {
        id: row.id,
        createdAt: row.createdAt.toISOString(),
        status: row.status as CaseDetail['status'],
        disagreement: hasDisagreement(checkRows.map((k) => k.outcome as CheckOutcome | null)),
        telemetry: row.telemetry,
        media,
        checks: checkRows.map(toCheckView),
        ...(row.consentVersion && row.consentAcceptedAt && row.consentLocale
          ? {
              consent: {
                version: row.consentVersion,
                acceptedAt: row.consentAcceptedAt.toISOString(),
                locale: row.consentLocale,
              },
            }
          : {}),
      };
    },

    async mediaOf(caseId: string): Promise<MediaRow[]> {
      return db.select().from(caseMedia).where(eq(caseMedia.caseId, caseId));
    },

    async media(caseId: string, role: string): Promise<MediaRow | undefined> {
      const [row] = await db
        .select()
        .from(caseMedia)
        .where(and(eq(caseMedia.caseId, caseId), eq(caseMedia.role, role)));
      return row;
    },

    async check(checkId: string): Promise<CheckRow | undefined> {
      const [row] = await db.select().from(checks).where(eq(checks.id, checkId));
      return row;
    },

    /** Checks a crash or restart left unfinished. */
    async unfinishedCheckIds(): Promise<string[]> {
      const rows = await db
        .select({ id: checks.id })
        .from(checks)
        .where(inArray(checks.status, ['pending', 'running']))
        .orderBy(checks.createdAt);
      return rows.map((r) => r.id);
    },

    async markRunning(checkId: string, attempts: number): Promise<void> {
      await db
        .update(checks)
        .set({ status: 'running', attempts, startedAt: new Date() })
        .where(eq(checks.id, checkId));
    },

    async finish(checkId: string, caseId: string, outcome: CheckOutcome): Promise<void> {
      await db
        .update(checks)
        .set({ status: outcome.kind === 'result' ? 'done' : 'error', outcome, finishedAt: new Date() })
        .where(eq(checks.id, checkId));
      await refreshCaseStatus(caseId);
    },
  };
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;
export type { RetakeReason };
