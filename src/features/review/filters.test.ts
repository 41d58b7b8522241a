import { describe, expect, it } from 'vitest';
import { activeFilterCount, apiQueryString, dayToIso, filtersToParams, parseFilters, toApiQuery } from './filters';

describe('queue filters ⇄ URL', () => {
  it('round-trips every filter', () => {
    const f = parseFilters(
      new URLSearchParams(
        'status=in_review&verdict=fail&vendor=glair&disagreement=true&from=2026-11-01&to=2026-11-20&q=ab12&sort=created_asc',
      ),
    );
    expect(f).toEqual({
      status: 'in_review',
      verdict: 'fail',
      vendor: 'glair',
      disagreement: true,
      from: '2026-11-01',
      to: '2026-11-20',
      q: 'ab12',
      sort: 'created_asc',
    });
    expect(parseFilters(filtersToParams(f))).toEqual(f);
    expect(activeFilterCount(f)).toBe(7);
  });

  it('drops malformed values and the default sort', () => {
    const f = parseFilters(
      new URLSearchParams(
        'status=closed&verdict=maybe&vendor=acme&disagreement=yes&from=2026-13-45&to=yesterday&q=%20%20&sort=created_desc',
      ),
    );
    expect(f).toEqual({});
    expect(filtersToParams(f).toString()).toBe('');
  });

  it('round-trips the screening filter and the risk sort, dropping unknown findings', () => {
    const f = parseFilters(new URLSearchParams('finding=frozen_frames&sort=risk_desc'));
    expect(f).toEqual({ finding: 'frozen_frames', sort: 'risk_desc' });
    expect(filtersToParams(f).toString()).toBe('finding=frozen_frames&sort=risk_desc');
    expect(toApiQuery(f)).toMatchObject({ finding: 'frozen_frames', sort: 'risk_desc' });
    expect(parseFilters(new URLSearchParams('finding=deepfake'))).toEqual({});
  });

  it('keeps disagreement=false as a real filter', () => {
    expect(parseFilters(new URLSearchParams('disagreement=false'))).toEqual({ disagreement: false });
    expect(filtersToParams({ disagreement: false }).toString()).toBe('disagreement=false');
  });
});

describe('application and reference filters', () => {
  it('round-trips reference and applicationId to the URL and the API query', () => {
    const f = parseFilters(new URLSearchParams('reference=%20applicant-42%20&applicationId=app_1'));
    expect(f).toEqual({ reference: 'applicant-42', applicationId: 'app_1' });
    expect(filtersToParams(f).toString()).toBe('reference=applicant-42&applicationId=app_1');
    expect(activeFilterCount(f)).toBe(2);
    expect(toApiQuery(f)).toEqual({ limit: 25, reference: 'applicant-42', applicationId: 'app_1' });
  });

  it('drops an empty reference and an over-long application id', () => {
    expect(parseFilters(new URLSearchParams(`reference=%20&applicationId=${'x'.repeat(65)}`))).toEqual({});
  });
});

describe('API query', () => {
  it('turns calendar days into an inclusive ISO range and adds the cursor', () => {
    const q = toApiQuery({ from: '2026-11-01', to: '2026-11-02', verdict: 'error' }, 'c1', 10);
    expect(q).toEqual({
      limit: 10,
      verdict: 'error',
      from: dayToIso('2026-11-01'),
      to: dayToIso('2026-11-02', true),
      cursor: 'c1',
    });
    expect(new Date(q.to!).getTime() - new Date(q.from!).getTime()).toBe(2 * 86_400_000 - 1);
  });

  it('builds a query string without empty values', () => {
    expect(apiQueryString({ limit: 25, disagreement: false, q: 'ab' })).toBe('?limit=25&disagreement=false&q=ab');
    expect(apiQueryString({})).toBe('');
  });
});
