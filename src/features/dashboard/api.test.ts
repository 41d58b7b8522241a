import { describe, expect, it } from 'vitest';
import { exportUrl } from './api';

describe('exportUrl', () => {
  it('covers whole local days and refuses ranges the server would refuse', () => {
    const url = exportUrl('decisions', '2026-03-01', '2026-03-31')!;
    const q = new URL(url, 'http://x').searchParams;
    expect(url.startsWith('/api/admin/exports/decisions?')).toBe(true);
    expect(new Date(q.get('from')!).getTime()).toBe(new Date('2026-03-01T00:00:00').getTime());
    expect(new Date(q.get('to')!).getTime()).toBe(new Date('2026-03-31T23:59:59.999').getTime());
    expect(exportUrl('cases', '2026-03-02', '2026-03-01')).toBeUndefined();
    expect(exportUrl('cases', '2024-01-01', '2026-01-01')).toBeUndefined();
    expect(exportUrl('cases', '', '2026-01-01')).toBeUndefined();
  });
});
