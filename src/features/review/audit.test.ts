import { describe, expect, it } from 'vitest';
import type { AuditEventView } from '@contract/api';
import { auditKind, decisionsFromAudit, describeAuditEvent, groupAuditEvents } from './audit';

const user = { type: 'user', id: 'u1', email: 'ana@example.com' } as const;
const ev = (action: string, detail: Record<string, unknown> = {}, actor: AuditEventView['actor'] = user): AuditEventView => ({
  id: String(Math.random()),
  at: '2026-11-22T00:00:00.000Z',
  actor,
  action,
  caseId: 'c1',
  detail,
});

describe('audit trail', () => {
  it('describes vendor, view and decision events', () => {
    expect(
      describeAuditEvent(ev('check.finished', { providerId: 'glair', verdict: 'fail', latencyMs: 812.4 }, { type: 'system' })),
    ).toEqual({
      title: 'Vendor check finished',
      detail: 'glair · verdict fail · 812 ms',
    });
    expect(
      describeAuditEvent(ev('decision.recorded', { decision: 'reject', reasonCode: 'deepfake_suspected', note: 'lips' })),
    ).toEqual({
      title: 'Decision recorded',
      detail: 'reject · deepfake_suspected · “lips”',
    });
    expect(
      describeAuditEvent(ev('check.finished', { providerId: 'tencent', error: 'timeout', latencyMs: 30000 }, { type: 'system' }))
        .detail,
    ).toBe('tencent · error timeout · 30000 ms');
    expect(describeAuditEvent(ev('check.started', { providerId: 'tencent', attempt: 2, mediaRole: 'video' })).detail).toBe(
      'tencent · attempt 2 · video',
    );
    expect(
      describeAuditEvent(ev('case.created', { providers: ['tencent', 'glair'], ip: '1.2.3.4' }, { type: 'capture' })).detail,
    ).toBe('for tencent, glair');
    expect(describeAuditEvent(ev('case.assigned', { via: 'take-next' })).detail).toBe('to ana@example.com · via Take next');
    expect(describeAuditEvent(ev('something.new')).title).toBe('something.new');
    expect(
      ['case.created', 'check.started', 'case.viewed', 'media.viewed', 'decision.recorded', 'case.assigned'].map(auditKind),
    ).toEqual(['capture', 'vendor', 'view', 'view', 'decision', 'other']);
  });

  it('extracts the decision history', () => {
    const history = decisionsFromAudit([
      ev('case.viewed'),
      ev('decision.recorded', { decision: 'escalate', reasonCode: 'vendors_disagree' }),
      ev('decision.recorded', { decision: 'bogus' }),
      ev('decision.recorded', { decision: 'reject', reasonCode: 'deepfake_suspected', note: 'n' }),
    ]);
    expect(history.map((d) => [d.decision, d.reasonCode, d.note, d.by.email])).toEqual([
      ['escalate', 'vendors_disagree', undefined, 'ana@example.com'],
      ['reject', 'deepfake_suspected', 'n', 'ana@example.com'],
    ]);
  });
});

describe('groupAuditEvents', () => {
  it('folds runs of identical views by the same person, nothing else', () => {
    const other = { type: 'user', id: 'u2', email: 'bo@example.com' } as const;
    const events = [
      ev('case.viewed'),
      ev('case.viewed'),
      ev('media.viewed', { role: 'video' }),
      ev('media.viewed', { role: 'video' }),
      ev('media.viewed', { role: 'image' }),
      ev('case.viewed', {}, other),
      ev('check.finished', { providerId: 'glair' }, { type: 'system' }),
      ev('check.finished', { providerId: 'glair' }, { type: 'system' }),
    ];
    expect(groupAuditEvents(events).map((g) => [g.event.action, g.count])).toEqual([
      ['case.viewed', 2],
      ['media.viewed', 2],
      ['media.viewed', 1],
      ['case.viewed', 1],
      ['check.finished', 1],
      ['check.finished', 1],
    ]);
  });
});
