/** The append-only audit record: GET /api/cases/:id/audit → the case's timeline, oldest first. */
import { z } from 'zod';

export const auditActorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), id: z.string(), email: z.string() }),
  z.object({ type: z.literal('system') }),
  z.object({ type: z.literal('capture') }),
]);
export type AuditActor = z.infer<typeof auditActorSchema>;

/**
 * One audit record. Actions: case.created, check.started, check.finished, case.viewed,
 * media.viewed, case.assigned, decision.recorded, check.rerun_requested, media.purged,
 * case.deleted, user.created, auth.login, auth.login_failed, auth.logout.
 */
export const auditEventViewSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: auditActorSchema,
    action: z.string(),
    caseId: z.string().optional(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEventView = z.infer<typeof auditEventViewSchema>;

export const auditListResponseSchema = z.object({ events: z.array(auditEventViewSchema) });
export type AuditListResponse = z.infer<typeof auditListResponseSchema>;
