import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../lib/http';
import { formatWait, loginErrorText } from './login-errors';

describe('loginErrorText', () => {
  it('names wrong credentials without saying which one', () => {
    expect(loginErrorText(new ApiRequestError(401, 'invalid_credentials', 'x'))).toEqual({
      kind: 'credentials',
      message: 'Wrong email or password. Check both and try again.',
    });
  });

  it('asks for the two-factor code, and says a disabled account needs an administrator', () => {
    expect(loginErrorText(new ApiRequestError(401, 'totp_required', 'x')).kind).toBe('totp');
    expect(loginErrorText(new ApiRequestError(401, 'invalid_totp_code', 'x'))).toEqual({
      kind: 'totp',
      message: 'That code is wrong or was used already. Wait for the next code and try again.',
    });
    expect(loginErrorText(new ApiRequestError(403, 'account_disabled', 'x')).kind).toBe('disabled');
  });

  it('says how long to wait when throttled', () => {
    const e = new ApiRequestError(429, 'too_many_attempts', 'x', 125);
    expect(loginErrorText(e).message).toBe('Too many failed attempts. Try again in 3 minutes.');
    expect(loginErrorText(e, 9).message).toBe('Too many failed attempts. Try again in 9 seconds.');
    expect(loginErrorText(e, 0).message).toBe('Too many failed attempts. You can try again now.');
  });

  it('falls back to the server message or a generic one', () => {
    expect(loginErrorText(new ApiRequestError(0, 'network_error', 'offline')).message).toBe('offline');
    expect(loginErrorText(new Error('boom')).kind).toBe('other');
  });
});

describe('formatWait', () => {
  it('rounds up to seconds then minutes', () => {
    expect(formatWait(0.2)).toBe('1 second');
    expect(formatWait(59)).toBe('59 seconds');
    expect(formatWait(60)).toBe('1 minute');
    expect(formatWait(61)).toBe('2 minutes');
  });
});
