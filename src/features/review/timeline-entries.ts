/**
 * The timeline's lines: each viewing of a case (someone opening it and its media, in one sitting) folded into one
 * line, "Viewed the case and media (11 files)", with who and from when to when; every other event as it is.
 */
import type { AuditActor, AuditEventView } from '@contract/api';
import { actorLabel, groupAuditEvents, type GroupedAuditEvent } from './audit';

/** A pause longer than this between two views by the same person starts a new viewing. */
export const VIEWING_GAP_MS = 10 * 60_000;

export interface Viewing {
  kind: 'viewing';
  id: string;
  actor: AuditActor;
  firstAt: string;
  lastAt: string;
  caseViews: number;
  /** Distinct media roles opened, in first-opened order. */
  media: string[];
}

export type TimelineEntry = ({ kind: 'event' } & GroupedAuditEvent) | Viewing;

const actorKey = (a: AuditActor) => (a.type === 'user' ? `user:${a.id}` : a.type);
const isView = (action: string) => action === 'case.viewed' || action === 'media.viewed';
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export function timelineEntries(events: readonly AuditEventView[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const open = new Map<string, Viewing>();
  let run: AuditEventView[] = [];
  const flush = () => {
    for (const g of groupAuditEvents(run)) out.push({ kind: 'event', ...g });
    run = [];
  };
  for (const e of events) {
    const key = actorKey(e.actor);
    if (!isView(e.action)) {
      // Anything else the same person does (a decision, an assignment) ends their viewing.
      open.delete(key);
      run.push(e);
      continue;
    }
    let viewing = open.get(key);
    if (viewing && Date.parse(e.at) - Date.parse(viewing.lastAt) > VIEWING_GAP_MS) viewing = undefined;
    if (!viewing) {
      flush();
      viewing = { kind: 'viewing', id: e.id, actor: e.actor, firstAt: e.at, lastAt: e.at, caseViews: 0, media: [] };
      open.set(key, viewing);
      out.push(viewing);
    }
    viewing.lastAt = e.at;
    if (e.action === 'case.viewed') viewing.caseViews += 1;
    else {
      const role = str(e.detail.mediaRole) ?? str(e.detail.role) ?? 'a file';
      if (!viewing.media.includes(role)) viewing.media.push(role);
    }
  }
  flush();
  return out;
}

const files = (n: number) => (n === 1 ? '1 file' : `${n} files`);

/** "Viewed the case and media (11 files)" / "Viewed the case" / "Viewed media (2 files)". */
export function viewingTitle(v: Viewing): string {
  if (v.media.length === 0) return 'Viewed the case';
  return v.caseViews > 0 ? `Viewed the case and media (${files(v.media.length)})` : `Viewed media (${files(v.media.length)})`;
}

/** Which files, sampled frames counted rather than listed: "video, image, 10 sampled frames". */
export function viewingFiles(v: Viewing): string {
  const frames = v.media.filter((r) => r.startsWith('frame.')).length;
  const others = v.media.filter((r) => !r.startsWith('frame.'));
  return [...others, ...(frames > 0 ? [frames === 1 ? '1 sampled frame' : `${frames} sampled frames`] : [])].join(', ');
}

export const viewerLabel = (v: Viewing) => actorLabel(v.actor);
