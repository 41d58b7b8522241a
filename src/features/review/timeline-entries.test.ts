import { describe, expect, it } from 'vitest';
import type { AuditEventView } from '@contract/api';
import { timelineEntries, viewingFiles, viewingTitle, type Viewing } from './timeline-entries';

const ana = { type: 'user', id: 'u1', email: 'ana@example.com' } as const;
const bo = { type: 'user', id: 'u2', email: 'bo@example.com' } as const;
let n = 0;
const ev = (
  action: string,
  at: string,
  detail: Record<string, unknown> = {},
  actor: AuditEventView['actor'] = ana,
): AuditEventView => ({
  id: `e${n++}`,
  at: `2026-11-22T${at}:00.000Z`,
  actor,
  action,
  caseId: 'c1',
  detail,
});

describe('timelineEntries', () => {
  it('folds one sitting of case and media views into one line per viewing, naming who and when', () => {
    const events = [
      ev('case.created', '10:00', {}, { type: 'capture' }),
      ev('check.started', '10:00', { providerId: 'tencent' }, { type: 'system' }),
      ev('case.viewed', '10:01'),
      ev('media.viewed', '10:01', { mediaRole: 'video' }),
      // A vendor answering while the page is open does not split the viewing.
      ev('check.finished', '10:02', { providerId: 'tencent' }, { type: 'system' }),
      ...Array.from({ length: 10 }, (_, i) => ev('media.viewed', '10:02', { mediaRole: `frame.${i}` })),
      ev('media.viewed', '10:03', { mediaRole: 'video' }),
      ev('case.viewed', '10:03'),
      ev('case.viewed', '10:03', {}, bo),
      ev('decision.recorded', '10:04', { decision: 'reject' }),
      // After her decision, Ana's next look is a new viewing.
      ev('case.viewed', '10:05'),
      // So is one after a long pause.
      ev('media.viewed', '11:00', { mediaRole: 'image' }),
    ];
    const entries = timelineEntries(events);
    const lines = entries.map((e) =>
      e.kind === 'viewing'
        ? `${viewingTitle(e)} · ${e.actor.type === 'user' ? e.actor.email : e.actor.type} · ${e.firstAt.slice(11, 16)}–${e.lastAt.slice(11, 16)}`
        : e.event.action,
    );
    expect(lines).toEqual([
      'case.created',
      'check.started',
      'Viewed the case and media (11 files) · ana@example.com · 10:01–10:03',
      'check.finished',
      'Viewed the case · bo@example.com · 10:03–10:03',
      'decision.recorded',
      'Viewed the case · ana@example.com · 10:05–10:05',
      'Viewed media (1 file) · ana@example.com · 11:00–11:00',
    ]);
    expect(viewingFiles(entries[2] as Viewing)).toBe('video, 10 sampled frames');
  });

  it('passes every other event through, one line each', () => {
    const entries = timelineEntries([
      ev('check.finished', '10:00', { providerId: 'glair' }, { type: 'system' }),
      ev('check.finished', '10:00', { providerId: 'glair' }, { type: 'system' }),
    ]);
    expect(entries.map((e) => [e.kind, e.kind === 'event' ? e.count : 0])).toEqual([
      ['event', 1],
      ['event', 1],
    ]);
  });
});
