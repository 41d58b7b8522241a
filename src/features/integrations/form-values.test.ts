import { describe, expect, it } from 'vitest';
import { parseOrigins, requestFromForm, toggle } from './form-values';

describe('the application form', () => {
  it('reads origins one per line, trimmed, without blanks, duplicates or trailing slashes', () => {
    expect(parseOrigins(' https://a.example \n\nhttps://b.example/\nhttps://a.example\n')).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    expect(parseOrigins('')).toEqual([]);
  });

  it('keeps the default providers inside the allowed set', () => {
    expect(
      requestFromForm({
        name: '  Onboarding  ',
        allowedProviders: ['tencent', 'glair'],
        defaultProviders: ['glair', 'finauth'],
        returnUrlOrigins: 'https://app.example',
        embedOrigins: '',
      }),
    ).toEqual({
      name: 'Onboarding',
      allowedProviders: ['tencent', 'glair'],
      defaultProviders: ['glair'],
      returnUrlOrigins: ['https://app.example'],
      embedOrigins: [],
    });
  });

  it('toggles a provider keeping the list order', () => {
    const all = ['local', 'tencent', 'glair'];
    expect(toggle(['glair'], 'local', true, all)).toEqual(['local', 'glair']);
    expect(toggle(['local', 'glair'], 'local', false, all)).toEqual(['glair']);
  });
});
