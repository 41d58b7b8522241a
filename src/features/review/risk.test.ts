import { describe, expect, it } from 'vitest';
import type { CaseSummary } from '@contract/api';
import { integrityHeadline, orderedVendorChecks, riskLevel, suspectedFake } from './risk';

const check = (providerId: string, verdict?: 'pass' | 'fail'): CaseSummary['checks'][number] => ({
  providerId,
  mode: 'simulated',
  status: 'done',
  ...(verdict ? { verdict } : {}),
});

describe('risk', () => {
  it('maps the score to a level: a suspected fake or a fail is high, any weaker signal medium, nothing low', () => {
    expect([15, 8, 4, 3, 2, 1, 0].map(riskLevel)).toEqual(['high', 'high', 'high', 'medium', 'medium', 'medium', 'low']);
  });

  it('heads the screening with its gravest finding, so a suspected fake is never shown as clean', () => {
    const fake = {
      status: 'done' as const,
      verdict: 'fail' as const,
      findings: [
        { code: 'no_face' as const, kind: 'bad_capture' as const },
        { code: 'virtual_camera' as const, kind: 'suspected_fake' as const },
      ],
    };
    expect(integrityHeadline(fake)).toEqual({ tone: 'fake', label: 'Suspected fake' });
    expect(suspectedFake(fake)).toBe(true);
    expect(integrityHeadline({ status: 'done', verdict: 'fail', findings: [fake.findings[0]!] }).tone).toBe('bad');
    expect(integrityHeadline({ status: 'done', verdict: 'review', findings: [] }).tone).toBe('clean');
    expect(integrityHeadline({ status: 'pending', findings: [] }).tone).toBe('pending');
    expect(integrityHeadline(undefined).tone).toBe('off');
    expect(suspectedFake(undefined)).toBe(false);
  });

  it('orders vendor chips the same way on every row and leaves the local check to the screening cell', () => {
    const a = orderedVendorChecks([
      check('glair', 'fail'),
      check('local'),
      check('zeta'),
      check('tencent', 'pass'),
      check('alibaba-intl'),
    ]);
    const b = orderedVendorChecks([check('alibaba-intl'), check('tencent', 'pass'), check('zeta'), check('glair', 'fail')]);
    expect(a.map((k) => k.providerId)).toEqual(['tencent', 'glair', 'alibaba-intl', 'zeta']);
    expect(b.map((k) => k.providerId)).toEqual(a.map((k) => k.providerId));
  });
});
