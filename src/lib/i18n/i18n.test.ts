import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import id from './locales/id.json';
import zhCN from './locales/zh-CN.json';
import { format, loadMessages, matchLocale, pickLocale, placeholders, translator, type Messages } from './i18n';

const others: Array<[string, Record<string, string>]> = [
  ['id', id],
  ['zh-CN', zhCN],
];

describe('locale files', () => {
  it.each(others)('%s has exactly the keys of English', (_name, messages) => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(others)('%s uses the same {placeholders} in every string', (_name, messages) => {
    for (const [key, text] of Object.entries(en)) {
      expect(placeholders(messages[key] ?? ''), key).toEqual(placeholders(text));
    }
  });

  it.each(others)('%s has no empty or untranslated-looking strings', (_name, messages) => {
    for (const [key, text] of Object.entries(messages)) {
      expect(text.trim(), key).not.toBe('');
    }
    // Names of products and browsers stay the same; most sentences must not.
    const same = Object.keys(en).filter((k) => messages[k] === (en as Record<string, string>)[k]);
    expect(
      same.every((k) => k.startsWith('browser.') || /^(camera\.picker|providers\.mode\.)/.test(k)),
      same.join(', '),
    ).toBe(true);
  });

  it('the lazy loaders return the same files', async () => {
    expect(await loadMessages('id')).toEqual(id);
    expect(await loadMessages('zh-CN')).toEqual(zhCN);
    expect(await loadMessages('en')).toBe(en);
  });
});

describe('format and t()', () => {
  it('fills {placeholders} and leaves unknown ones visible', () => {
    expect(format('Recording starts in {seconds}…', { seconds: 3 })).toBe('Recording starts in 3…');
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(format('no params')).toBe('no params');
  });

  it('translates by key, with parameters', () => {
    const t = translator(zhCN as Messages);
    expect(t('consent.agree')).toBe('我同意');
    expect(t('countdown.text', { seconds: 2 })).toBe('2 秒后开始录制…');
  });
});

describe('choosing the language', () => {
  it.each([
    ['en-US', 'en'],
    ['id-ID', 'id'],
    ['id', 'id'],
    ['in', 'id'],
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-Hans-SG', 'zh-CN'],
    ['zh-TW', null],
    ['zh-Hant-HK', null],
    ['fr-FR', null],
    ['', null],
  ])('%s → %s', (tag, locale) => {
    expect(matchLocale(tag)).toBe(locale);
  });

  it('?lang= wins, then the remembered choice, then the browser languages in order, then English', () => {
    expect(pickLocale({ search: '?lang=zh-CN', stored: 'id', languages: ['en'] })).toBe('zh-CN');
    expect(pickLocale({ search: '?lang=id-ID', stored: null, languages: [] })).toBe('id');
    expect(pickLocale({ search: '?lang=klingon', stored: 'id', languages: [] })).toBe('id');
    expect(pickLocale({ search: '', stored: 'id', languages: ['zh-CN'] })).toBe('id');
    expect(pickLocale({ search: '', stored: 'xx', languages: ['fr', 'zh-TW', 'id-ID', 'en'] })).toBe('id');
    expect(pickLocale({ search: '', stored: null, languages: ['fr', 'de'] })).toBe('en');
  });
});
