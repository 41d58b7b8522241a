import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../../lib/http';
import { linkProblemOf, linkProblemOfStatus } from './link-problem';

describe('session link problems', () => {
  it('maps the API codes', () => {
    expect(linkProblemOf(new ApiRequestError(404, 'session_not_found', 'x'))).toBe('not_found');
    expect(linkProblemOf(new ApiRequestError(410, 'session_expired', 'x'))).toBe('expired');
    expect(linkProblemOf(new ApiRequestError(410, 'session_cancelled', 'x'))).toBe('cancelled');
    expect(linkProblemOf(new ApiRequestError(409, 'session_used', 'x'))).toBe('used');
  });

  it('treats anything else as a passing problem, a bare 404 as unknown', () => {
    expect(linkProblemOf(new ApiRequestError(0, 'network_error', 'x'))).toBe('unreachable');
    expect(linkProblemOf(new ApiRequestError(503, 'busy', 'x'))).toBe('unreachable');
    expect(linkProblemOf(new ApiRequestError(404, 'http_404', 'x'))).toBe('not_found');
    expect(linkProblemOf(new Error('boom'))).toBe('unreachable');
  });

  it('refuses a session that is past capturing', () => {
    expect(linkProblemOfStatus('opened')).toBeNull();
    expect(linkProblemOfStatus('created')).toBeNull();
    expect(linkProblemOfStatus('expired')).toBe('expired');
    expect(linkProblemOfStatus('completed')).toBe('used');
  });
});
