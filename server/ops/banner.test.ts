import { describe, expect, it } from 'vitest';
import { startupBanner } from './banner.js';

describe('startupBanner', () => {
  it('names the capture, review and demo URLs and the one-time admin password', () => {
    const text = startupBanner({
      baseUrl: 'http://127.0.0.1:8080/',
      simulated: true,
      firstAdmin: { email: 'admin@localhost', password: 'one-time-secret' },
      color: false,
    });
    expect(text).toContain('  Capture  http://127.0.0.1:8080/\n');
    expect(text).toContain('  Review   http://127.0.0.1:8080/review\n');
    expect(text).toContain('  Demo     http://127.0.0.1:8080/review/admin/demo\n');
    expect(text).toContain('One-time password (shown only now): one-time-secret');
    expect(text.split('\n').length).toBeLessThan(16);
  });

  it('leaves out the demo panel with live vendors, and the password on later starts', () => {
    const text = startupBanner({ baseUrl: 'https://review.example.com', simulated: false, color: false });
    expect(text).toContain('Review   https://review.example.com/review');
    expect(text).not.toMatch(/Demo|password/);
  });
});
