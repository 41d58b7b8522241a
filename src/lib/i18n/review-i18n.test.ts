import { describe, expect, it } from 'vitest';
import en from './review-locales/en.json';
import id from './review-locales/id.json';
import zhCN from './review-locales/zh-CN.json';
import { placeholders } from './i18n';
import { loadReviewMessages, reviewI18n, type ReviewMessages } from './review-i18n';

const others: Array<[string, Record<string, string>]> = [
  ['id', id],
  ['zh-CN', zhCN],
];

/** Words that are the same in the other language (loanwords, product terms, punctuation), by key. */
const SAME_WORD: Record<string, readonly string[]> = {
  id: [
    'nav.demo',
    'role.admin',
    'login.email',
    'chip.sim',
    'list.separator',
    'filters.vendor',
    'session.metadata',
    'dash.vendorChecksLabel',
    'chart.item',
    'chart.total',
    'demo.pageTitle',
    'users.status',
    'users.email',
    'users.roleAdmin',
    'users.normal',
    'deliveries.endpoint',
    'deliveries.status',
  ],
  'zh-CN': ['hooks.url'],
};

describe('reviewer UI catalogs (issue 15 item 11)', () => {
  it.each(others)('%s has exactly the keys of English: none missing, none extra', (_name, messages) => {
    const keys = new Set(Object.keys(messages));
    const reference = new Set(Object.keys(en));
    expect(
      [...reference].filter((k) => !keys.has(k)),
      'missing',
    ).toEqual([]);
    expect(
      [...keys].filter((k) => !reference.has(k)),
      'extra',
    ).toEqual([]);
  });

  it.each(others)('%s uses the same {placeholders} in every string', (_name, messages) => {
    for (const [key, text] of Object.entries(en)) expect(placeholders(messages[key] ?? ''), key).toEqual(placeholders(text));
  });

  it.each(others)('%s has no empty or untranslated strings (but for the listed same words)', (name, messages) => {
    for (const [key, text] of Object.entries(messages)) expect(text.trim() || text, key).not.toBe('');
    const same = Object.keys(en).filter((k) => messages[k] === (en as Record<string, string>)[k]);
    expect(same.filter((k) => !SAME_WORD[name]?.includes(k))).toEqual([]);
  });

  it('every plural has both forms', () => {
    const keys = Object.keys(en);
    for (const key of keys.filter((k) => k.endsWith('.one'))) expect(keys, key).toContain(key.replace(/\.one$/, '.other'));
  });

  it('the lazy loaders return the same files', async () => {
    expect(await loadReviewMessages('id')).toEqual(id);
    expect(await loadReviewMessages('zh-CN')).toEqual(zhCN);
    expect(await loadReviewMessages('en')).toBe(en);
  });
});

describe('reviewI18n', () => {
  it('translates, with plurals per language', () => {
    const english = reviewI18n('en', en);
    expect(english.plural('queue.showing', 1)).toBe('Showing 1 case.');
    expect(english.plural('queue.showing', 1200)).toBe('Showing 1,200 cases.');
    expect(reviewI18n('id', id as ReviewMessages).plural('queue.showing', 1200)).toBe('Menampilkan 1.200 kasus.');
    expect(reviewI18n('zh-CN', zhCN as ReviewMessages).t('risk.high')).toBe('高风险');
  });

  it('formats numbers and dates in the reader notation', () => {
    expect(reviewI18n('id', id as ReviewMessages).number(3.5, { maximumFractionDigits: 1 })).toBe('3,5');
    expect(reviewI18n('en', en).number(0.25, { style: 'percent' })).toBe('25%');
    const at = '2026-03-04T05:06:07Z';
    const opts = { dateStyle: 'long', timeZone: 'UTC' } as const;
    expect(reviewI18n('en', en).dateTime(at, opts)).toBe('March 4, 2026');
    expect(reviewI18n('id', id as ReviewMessages).dateTime(at, opts)).toBe('4 Maret 2026');
    expect(reviewI18n('zh-CN', zhCN as ReviewMessages).dateTime(at, opts)).toBe('2026年3月4日');
  });

  it('writes latencies and sizes in the reader notation', () => {
    const english = reviewI18n('en', en);
    const indonesian = reviewI18n('id', id as ReviewMessages);
    expect(english.ms(840)).toBe('840 ms');
    expect(english.ms(1250)).toBe('1.25 s');
    expect(indonesian.ms(1250)).toBe('1,25 dtk');
    expect(english.bytes(1.25 * 1024 * 1024)).toBe('1.25 MB');
    expect(indonesian.bytes(3.5 * 1024)).toBe('3,5 KB');
  });

  it('says ages in the language', () => {
    const now = Date.parse('2026-03-04T12:00:00Z');
    expect(reviewI18n('en', en).age('2026-03-04T11:48:00Z', now)).toBe('12 min');
    expect(reviewI18n('id', id as ReviewMessages).age('2026-03-01T12:00:00Z', now)).toBe('3 hr');
    expect(reviewI18n('zh-CN', zhCN as ReviewMessages).age('2026-03-04T07:00:00Z', now)).toBe('5 小时');
  });
});
