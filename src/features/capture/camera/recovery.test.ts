import { describe, expect, it } from 'vitest';
import en from '../../../lib/i18n/locales/en.json';
import type { CaptureErrorKind } from '../machine/machine';
import { ERROR_KEYS, HINT_KEY, TITLE_KEY } from '../components/messages';
import { BROWSERS, detectBrowser, recoverySteps } from './recovery';

const UA = {
  chromeWin: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  criosIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1',
  ipad: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  firefox: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
};

describe('detectBrowser', () => {
  it.each([
    [UA.chromeWin, 0, 'chrome_desktop'],
    [UA.chromeAndroid, 5, 'chrome_android'],
    [UA.iphone, 5, 'safari_ios'],
    [UA.criosIphone, 5, 'safari_ios'],
    [UA.ipad, 5, 'safari_ios'],
    [UA.safariMac, 0, 'safari_mac'],
    [UA.firefox, 0, 'firefox'],
    [UA.edge, 0, 'edge'],
    ['curl/8', 0, null],
  ] as const)('%s (%i touch points) → %s', (ua, touch, browser) => {
    expect(detectBrowser(ua, touch)).toBe(browser);
  });
});

describe('recoverySteps', () => {
  const cameraKinds: CaptureErrorKind[] = ['permission_denied', 'no_camera', 'camera_busy', 'unsupported'];

  it.each(cameraKinds)('%s has a step for every browser, the current one first', (kind) => {
    const steps = recoverySteps(kind, 'firefox');
    expect(steps.map((s) => s.browser)).toEqual(['firefox', ...BROWSERS.filter((b) => b !== 'firefox')]);
    const unknown = recoverySteps(kind, null);
    expect(unknown.map((s) => s.browser)).toEqual([...BROWSERS]);
  });

  it('insecure context has one step for every browser; non-camera failures have none', () => {
    expect(recoverySteps('insecure_context', 'edge')).toEqual([{ browser: null, text: 'steps.insecure_context.all' }]);
    expect(recoverySteps('upload_failed', 'edge')).toEqual([]);
  });

  it('every key it names exists in the locale files', () => {
    const kinds = Object.keys(ERROR_KEYS) as CaptureErrorKind[];
    const keys = kinds.flatMap((k) => recoverySteps(k, null).flatMap((s) => (s.label ? [s.label, s.text] : [s.text])));
    keys.push(...kinds.flatMap((k) => [ERROR_KEYS[k].title, ERROR_KEYS[k].body]));
    keys.push(...Object.values(HINT_KEY), ...Object.values(TITLE_KEY));
    for (const key of keys) expect(en, key).toHaveProperty([key]);
  });
});
