import { describe, expect, it } from 'vitest';
import { createMediaLinks } from './links.js';

const claims = { caseId: 'c1', role: 'video', sha256: 'a'.repeat(64) };

describe('media links', () => {
  it('round-trips until the expiry', () => {
    let t = 1_000_000;
    const links = createMediaLinks(Buffer.from('k'.repeat(32)), () => t);
    const token = links.sign(claims, 60);
    expect(links.verify(token)).toEqual({ ...claims, exp: 1_000 + 60 });
    t += 59_000;
    expect(links.verify(token)).toMatchObject(claims);
    t += 1_000;
    expect(links.verify(token)).toBe('expired');
  });

  it('rejects a tampered payload, a foreign key and junk', () => {
    const links = createMediaLinks(Buffer.from('k'.repeat(32)));
    const token = links.sign(claims, 60);
    const [payload, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, caseId: 'c2', exp: 9e9 })).toString('base64url');
    expect(links.verify(`${forged}.${sig}`)).toBe('bad_signature');
    expect(createMediaLinks(Buffer.from('x'.repeat(32))).verify(token)).toBe('bad_signature');
    expect(links.verify('nope')).toBe('malformed');
    expect(links.verify(`${payload}.${sig}.x`)).toBe('malformed');
  });
});

it('keeps tokens short enough for a URL path segment', () => {
  const links = createMediaLinks(Buffer.from('k'.repeat(32)));
  const token = links.sign({ caseId: crypto.randomUUID(), role: 'video.alibaba-cn', sha256: 'f'.repeat(64) }, 600);
  expect(token.length).toBeLessThan(512);
});
