import { describe, expect, it } from 'vitest';
import { metadataEntries } from './session-info';

describe('session metadata for reviewers', () => {
  it('lists top-level keys with readable values', () => {
    expect(metadataEntries({ plan: 'gold', age: 31, tags: ['a', 'b'], nested: { x: 1 }, none: null, html: '<b>x</b>' })).toEqual([
      ['plan', 'gold'],
      ['age', '31'],
      ['tags', '["a","b"]'],
      ['nested', '{"x":1}'],
      ['none', 'null'],
      ['html', '<b>x</b>'],
    ]);
    expect(metadataEntries(undefined)).toEqual([]);
  });
});
