import { describe, expect, it } from 'vitest';
import { embedTargetOrigin, isEmbedded, parentOrigin } from './embed';

const allowed = ['https://onboarding.example.com', 'http://localhost:5173'];

describe('the embedded page’s target origin', () => {
  it('prefers ancestorOrigins, else the referrer’s origin', () => {
    expect(parentOrigin({ ancestorOrigins: ['https://a.example'], referrer: 'https://b.example/x' })).toBe('https://a.example');
    expect(parentOrigin({ ancestorOrigins: [], referrer: 'https://b.example/page?q=1' })).toBe('https://b.example');
    expect(parentOrigin({ referrer: '' })).toBeNull();
    expect(parentOrigin({ referrer: 'not a url' })).toBeNull();
  });

  it('is the parent’s origin only when the session allows it', () => {
    expect(embedTargetOrigin({ ancestorOrigins: ['https://onboarding.example.com'], referrer: '' }, allowed)).toBe(
      'https://onboarding.example.com',
    );
    expect(embedTargetOrigin({ referrer: 'http://localhost:5173/signup' }, allowed)).toBe('http://localhost:5173');
  });

  it('is null (post nothing, never "*") for any other parent or none', () => {
    expect(
      embedTargetOrigin({ ancestorOrigins: ['https://evil.example'], referrer: 'https://onboarding.example.com/' }, allowed),
    ).toBeNull();
    expect(embedTargetOrigin({ referrer: 'https://onboarding.example.com.evil.example/' }, allowed)).toBeNull();
    expect(embedTargetOrigin({ referrer: 'http://onboarding.example.com/' }, allowed)).toBeNull();
    expect(embedTargetOrigin({ referrer: '' }, allowed)).toBeNull();
    expect(embedTargetOrigin({ referrer: 'https://onboarding.example.com/' }, [])).toBeNull();
  });

  it('reads ?embed=1', () => {
    expect(isEmbedded('?embed=1')).toBe(true);
    expect(isEmbedded('?embed=true')).toBe(false);
    expect(isEmbedded('')).toBe(false);
  });
});
