import { describe, expect, it } from 'vitest';
import { MAX_SAVED_FILTERS, parseSavedFilters, savedFiltersKey, withoutSavedFilter, withSavedFilter } from './saved-filters';

describe('saved filters', () => {
  it('adds newest first, replaces by name, removes, and keeps at most MAX_SAVED_FILTERS', () => {
    let list = withSavedFilter([], ' Fakes ', 'finding=suspected_fake');
    list = withSavedFilter(list, 'Mine', 'status=in_review');
    list = withSavedFilter(list, 'Fakes', 'finding=suspected_fake&sort=risk_desc');
    expect(list).toEqual([
      { name: 'Fakes', query: 'finding=suspected_fake&sort=risk_desc' },
      { name: 'Mine', query: 'status=in_review' },
    ]);
    expect(withSavedFilter(list, '   ', 'x')).toEqual(list);
    expect(withoutSavedFilter(list, 'Mine').map((f) => f.name)).toEqual(['Fakes']);
    for (let i = 0; i < 20; i++) list = withSavedFilter(list, `f${i}`, '');
    expect(list).toHaveLength(MAX_SAVED_FILTERS);
  });

  it('reads malformed storage as nothing saved, and keys the list by reviewer', () => {
    expect(parseSavedFilters(null)).toEqual([]);
    expect(parseSavedFilters('{not json')).toEqual([]);
    expect(parseSavedFilters('{"name":"x"}')).toEqual([]);
    expect(parseSavedFilters('[{"name":"ok","query":"a=b"},{"name":3},null]')).toEqual([{ name: 'ok', query: 'a=b' }]);
    expect(savedFiltersKey('u1')).not.toBe(savedFiltersKey('u2'));
  });
});
