/** Reading a case's audit trail: one line per event, and the decision history it contains. */
import type { AuditActor, AuditEventView, Decision, DecisionView } from '@contract/api';
import { DECISIONS } from '@contract/api/enums';
import { REVIEW_ENGLISH, REVIEW_T_ENGLISH, type ReviewKey, type ReviewT } from '../../lib/i18n/review-i18n';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export function actorLabel(actor: AuditActor, t: ReviewT = REVIEW_T_ENGLISH): string {
  if (actor.type === 'user') return actor.email || t('actor.reviewer');
  return actor.type === 'capture' ? t('actor.capture') : t('actor.system');
}

/** An action's title (`action.<name>` in the catalogs); an unknown action reads as its name. */
function actionTitle(action: string, t: ReviewT): string {
  const key = `action.${action}`;
  return key in REVIEW_ENGLISH ? t(key as ReviewKey) : action;
}

export type AuditKind = 'capture' | 'vendor' | 'view' | 'decision' | 'other';

export function auditKind(action: string): AuditKind {
  if (action === 'case.created') return 'capture';
  if (action.startsWith('check.')) return 'vendor';
  if (action.endsWith('.viewed')) return 'view';
  if (action === 'decision.recorded') return 'decision';
  return 'other';
}

/** A title and a short detail line for an event; unknown actions still read sensibly. */
export function describeAuditEvent(e: AuditEventView, t: ReviewT = REVIEW_T_ENGLISH): { title: string; detail: string } {
  const d = e.detail ?? {};
  const title = actionTitle(e.action, t);
  const parts: string[] = [];
  const provider = str(d.providerId) ?? str(d.provider);
  if (provider) parts.push(provider);
  if (Array.isArray(d.providers))
    parts.push(t('audit.for', { list: d.providers.filter((p) => typeof p === 'string').join(', ') }));
  if (typeof d.attempt === 'number' && d.attempt > 1) parts.push(t('audit.attempt', { n: d.attempt }));
  const verdict = str(d.verdict);
  if (verdict) parts.push(t('audit.verdict', { verdict }));
  const category = str(d.error) ?? str(d.category) ?? str(d.errorCategory);
  if (category) parts.push(t('audit.error', { category }));
  if (typeof d.latencyMs === 'number') parts.push(`${Math.round(d.latencyMs)} ms`);
  const role = str(d.mediaRole) ?? str(d.role);
  if (role) parts.push(role);
  const decision = str(d.decision);
  if (decision) parts.push(decision);
  const reason = str(d.reasonCode);
  if (reason) parts.push(reason);
  const note = str(d.note);
  if (note) parts.push(`“${note}”`);
  if (e.action === 'case.assigned' && e.actor.type === 'user') parts.push(t('audit.to', { email: e.actor.email }));
  if (str(d.via) === 'take-next') parts.push(t('audit.viaTakeNext'));
  return { title, detail: parts.join(' · ') };
}

/** Decisions found in the audit trail, oldest first (used when the case carries no list). */
export function decisionsFromAudit(events: readonly AuditEventView[]): DecisionView[] {
  const out: DecisionView[] = [];
  for (const e of events) {
    if (e.action !== 'decision.recorded') continue;
    const decision = str(e.detail.decision);
    if (!decision || !(DECISIONS as readonly string[]).includes(decision)) continue;
    const note = str(e.detail.note);
    out.push({
      id: str(e.detail.decisionId) ?? e.id,
      decision: decision as Decision,
      reasonCode: (str(e.detail.reasonCode) ?? 'other') as DecisionView['reasonCode'],
      ...(note ? { note } : {}),
      by: e.actor.type === 'user' ? { id: e.actor.id, email: e.actor.email } : { id: '', email: actorLabel(e.actor) },
      at: e.at,
    });
  }
  return out;
}

export interface GroupedAuditEvent {
  event: AuditEventView;
  /** How many identical events in a row this line stands for. */
  count: number;
  lastAt: string;
}

const sameActor = (a: AuditActor, b: AuditActor) =>
  a.type === b.type && (a.type !== 'user' || (b.type === 'user' && a.id === b.id));

/**
 * Folds runs of identical view events (the page re-reads a case while checks run; a player
 * restarts a clip) into one line with a count, so the timeline stays readable.
 */
export function groupAuditEvents(events: readonly AuditEventView[]): GroupedAuditEvent[] {
  const out: GroupedAuditEvent[] = [];
  for (const e of events) {
    const prev = out[out.length - 1];
    if (
      prev &&
      auditKind(e.action) === 'view' &&
      prev.event.action === e.action &&
      sameActor(prev.event.actor, e.actor) &&
      describeAuditEvent(prev.event).detail === describeAuditEvent(e).detail
    ) {
      prev.count += 1;
      prev.lastAt = e.at;
    } else out.push({ event: e, count: 1, lastAt: e.at });
  }
  return out;
}
