import { describe, expect, it } from 'vitest';
import { effectiveStatus, fromStatuses, transition } from './state.js';

describe('session state machine', () => {
  it('follows created → opened → submitted → completed → decided', () => {
    expect(transition('created', 'open')).toBe('opened');
    expect(transition('opened', 'open')).toBe('opened');
    expect(transition('opened', 'submit')).toBe('submitted');
    expect(transition('created', 'submit')).toBe('submitted');
    expect(transition('submitted', 'complete')).toBe('completed');
    expect(transition('completed', 'decide')).toBe('decided');
    expect(transition('decided', 'decide')).toBe('decided');
  });

  it('refuses moves that do not apply', () => {
    expect(transition('submitted', 'submit')).toBeUndefined();
    expect(transition('submitted', 'cancel')).toBeUndefined();
    expect(transition('submitted', 'expire')).toBeUndefined();
    expect(transition('expired', 'submit')).toBeUndefined();
    expect(transition('cancelled', 'open')).toBeUndefined();
    expect(transition('created', 'complete')).toBeUndefined();
    expect(transition('decided', 'complete')).toBeUndefined();
    expect(fromStatuses('cancel')).toEqual(['created', 'opened']);
  });

  it('reads an unused session past its expiry as expired, and a submitted one never', () => {
    const now = new Date('2026-12-06T12:00:00Z');
    expect(effectiveStatus('opened', new Date('2026-12-06T11:59:59Z'), now)).toBe('expired');
    expect(effectiveStatus('created', new Date('2026-12-06T12:00:01Z'), now)).toBe('created');
    expect(effectiveStatus('submitted', new Date('2026-12-06T11:00:00Z'), now)).toBe('submitted');
  });
});
