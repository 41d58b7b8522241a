import { describe, expect, it } from 'vitest';
import { submittedReturnUrl } from './return-url';

describe('the return URL', () => {
  it('adds the session and status', () => {
    expect(submittedReturnUrl('https://app.example.com/done', 's_1')).toBe(
      'https://app.example.com/done?session=s_1&status=submitted',
    );
  });

  it('appends to an existing query and keeps the fragment', () => {
    expect(submittedReturnUrl('https://app.example.com/kyc?step=3&lang=id#top', 's 2')).toBe(
      'https://app.example.com/kyc?step=3&lang=id&session=s+2&status=submitted#top',
    );
  });

  it('replaces a session or status the URL already carried, so nobody can smuggle one in', () => {
    expect(submittedReturnUrl('https://a.example/?status=approved&session=x', 's3')).toBe(
      'https://a.example/?status=submitted&session=s3',
    );
  });

  it('refuses what is not an http(s) URL', () => {
    expect(submittedReturnUrl('javascript:alert(1)', 's')).toBeNull();
    expect(submittedReturnUrl('/relative', 's')).toBeNull();
  });
});
