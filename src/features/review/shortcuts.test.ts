import { describe, expect, it } from 'vitest';
import { SHORTCUT_HELP, SHORTCUT_KEYS, shortcutOf } from './shortcuts';

const press = (key: string, extra: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  target: null,
  ...extra,
});

describe('case page shortcuts', () => {
  it('maps keys to actions, case-insensitively', () => {
    expect(shortcutOf(press('a'))).toBe('approve');
    expect(shortcutOf(press('R'))).toBe('reject');
    expect(shortcutOf(press('e'))).toBe('escalate');
    expect(shortcutOf(press('n'))).toBe('nextCase');
    expect(shortcutOf(press('k'))).toBe('playPause');
    expect(shortcutOf(press(' '))).toBe('playPause');
    expect(shortcutOf(press(']'))).toBe('nextStripImage');
    expect(shortcutOf(press('['))).toBe('previousStripImage');
    expect(shortcutOf(press('.'))).toBe('nextFrame');
    expect(shortcutOf(press('?'))).toBe('help');
    expect(shortcutOf(press('x'))).toBeUndefined();
    expect(shortcutOf(press('Enter'))).toBeUndefined();
  });

  it('leaves browser and system shortcuts alone', () => {
    expect(shortcutOf(press('r', { ctrlKey: true }))).toBeUndefined();
    expect(shortcutOf(press('a', { metaKey: true }))).toBeUndefined();
    expect(shortcutOf(press('e', { altKey: true }))).toBeUndefined();
  });

  it('documents every action once, and no key means two things', () => {
    expect(SHORTCUT_HELP.map((h) => h.action).sort()).toEqual(Object.keys(SHORTCUT_KEYS).sort());
    const keys = Object.values(SHORTCUT_KEYS).flat();
    expect(new Set(keys).size).toBe(keys.length);
  });
});
