/**
 * Queue filters ⇄ URL query string ⇄ GET /api/cases query. The URL is the source of truth, so a
 * filtered queue can be bookmarked, shared and survives a reload; anything malformed is dropped.
 */
import type { CaseListQuery, CaseSort, FindingFilter, ProviderId, ReviewStatus, VerdictFilter } from '@contract/api';
import { CASE_SORTS, FINDING_FILTERS, REVIEW_STATUSES, VERDICT_FILTERS } from '@contract/api/enums';

/**
 * The vendors the filter offers, and the only ones a URL may name (others are dropped). The API
 * types a provider id as any short id, since which providers run is per deployment; the queue's
 * filter form needs the product's list before (and without) asking GET /api/providers.
 */
export const PROVIDER_IDS: readonly ProviderId[] = ['local', 'tencent', 'finauth', 'glair', 'alibaba-intl', 'alibaba-cn'];
export const PAGE_SIZE = 25;

export interface QueueFilters {
  status?: ReviewStatus;
  verdict?: VerdictFilter;
  vendor?: ProviderId;
  disagreement?: boolean;
  /** The local screening's findings: any, none, a kind or one code. */
  finding?: FindingFilter;
  /** YYYY-MM-DD, local calendar days, both inclusive. */
  from?: string;
  to?: string;
  q?: string;
  /** The integrator's applicant reference (exact). */
  reference?: string;
  /** Cases from one integrating application. */
  applicationId?: string;
  sort?: CaseSort;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;
const validDay = (v: string | null): string | undefined =>
  v && DAY.test(v) && !Number.isNaN(new Date(`${v}T00:00:00`).getTime()) ? v : undefined;

export function parseFilters(params: URLSearchParams): QueueFilters {
  const f: QueueFilters = {};
  const status = oneOf(REVIEW_STATUSES, params.get('status'));
  if (status) f.status = status;
  const verdict = oneOf(VERDICT_FILTERS, params.get('verdict'));
  if (verdict) f.verdict = verdict;
  const vendor = oneOf(PROVIDER_IDS, params.get('vendor'));
  if (vendor) f.vendor = vendor;
  const disagreement = params.get('disagreement');
  if (disagreement === 'true' || disagreement === 'false') f.disagreement = disagreement === 'true';
  const finding = oneOf(FINDING_FILTERS, params.get('finding'));
  if (finding) f.finding = finding;
  const from = validDay(params.get('from'));
  if (from) f.from = from;
  const to = validDay(params.get('to'));
  if (to) f.to = to;
  const q = params.get('q')?.trim();
  if (q) f.q = q.slice(0, 64);
  const reference = params.get('reference')?.trim();
  if (reference) f.reference = reference.slice(0, 128);
  const applicationId = params.get('applicationId')?.trim();
  if (applicationId && applicationId.length <= 64) f.applicationId = applicationId;
  const sort = oneOf(CASE_SORTS, params.get('sort'));
  if (sort && sort !== 'created_desc') f.sort = sort;
  return f;
}

/** Only the set filters, in a fixed order, so equal filters give equal URLs. */
export function filtersToParams(f: QueueFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.status) p.set('status', f.status);
  if (f.verdict) p.set('verdict', f.verdict);
  if (f.vendor) p.set('vendor', f.vendor);
  if (f.disagreement !== undefined) p.set('disagreement', String(f.disagreement));
  if (f.finding) p.set('finding', f.finding);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.q?.trim()) p.set('q', f.q.trim());
  if (f.reference?.trim()) p.set('reference', f.reference.trim());
  if (f.applicationId) p.set('applicationId', f.applicationId);
  if (f.sort && f.sort !== 'created_desc') p.set('sort', f.sort);
  return p;
}

export function activeFilterCount(f: QueueFilters): number {
  return [...filtersToParams(f).keys()].filter((k) => k !== 'sort').length;
}

/** Local midnight of a YYYY-MM-DD day as an ISO instant; `endOfDay` gives the last millisecond. */
export function dayToIso(day: string, endOfDay = false): string {
  return new Date(`${day}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}`).toISOString();
}

export function toApiQuery(f: QueueFilters, cursor?: string, limit = PAGE_SIZE): CaseListQuery {
  const q: CaseListQuery = { limit };
  if (f.status) q.status = f.status;
  if (f.verdict) q.verdict = f.verdict;
  if (f.vendor) q.vendor = f.vendor;
  if (f.disagreement !== undefined) q.disagreement = f.disagreement;
  if (f.finding) q.finding = f.finding;
  if (f.from) q.from = dayToIso(f.from);
  if (f.to) q.to = dayToIso(f.to, true);
  if (f.q) q.q = f.q;
  if (f.reference) q.reference = f.reference;
  if (f.applicationId) q.applicationId = f.applicationId;
  if (f.sort) q.sort = f.sort;
  if (cursor) q.cursor = cursor;
  return q;
}

export function apiQueryString(q: CaseListQuery): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}
