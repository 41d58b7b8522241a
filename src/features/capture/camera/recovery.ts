/**
 * Recovery steps for camera failures, per browser: the steps for the browser in use first, the
 * others behind a disclosure (people are often told "use your phone" and switch browsers).
 */
import type { MessageKey } from '../../../lib/i18n/i18n';
import type { CaptureErrorKind } from '../machine/machine';

export const BROWSERS = ['chrome_desktop', 'chrome_android', 'safari_ios', 'safari_mac', 'firefox', 'edge'] as const;
export type Browser = (typeof BROWSERS)[number];

/** Kinds whose steps differ per browser. */
type PerBrowserKind = 'permission_denied' | 'no_camera' | 'camera_busy' | 'unsupported';
const PER_BROWSER: ReadonlySet<CaptureErrorKind> = new Set<PerBrowserKind>([
  'permission_denied',
  'no_camera',
  'camera_busy',
  'unsupported',
]);

export interface RecoveryStep {
  /** Null for a step that applies to every browser. */
  browser: Browser | null;
  label?: MessageKey;
  text: MessageKey;
}

/** Best guess from the user agent; null when unknown (then every browser's steps are listed alike). */
export function detectBrowser(userAgent: string, maxTouchPoints = 0): Browser | null {
  const ua = userAgent;
  if (/Edg(A|iOS)?\//.test(ua)) return 'edge';
  if (/Firefox\/|FxiOS\//.test(ua)) return 'firefox';
  // iPadOS reports itself as a Mac; touch points give it away.
  const ios = /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && maxTouchPoints > 1);
  if (ios) return 'safari_ios'; // every iOS browser uses WebKit's camera permissions
  if (/Android/.test(ua) && /Chrome\//.test(ua)) return 'chrome_android';
  if (/Chrome\/|Chromium\//.test(ua)) return 'chrome_desktop';
  if (/Macintosh/.test(ua) && /Safari\//.test(ua)) return 'safari_mac';
  return null;
}

/** The steps for `kind`, the current browser's first; empty for failures that are not the camera's. */
export function recoverySteps(kind: CaptureErrorKind, current: Browser | null): RecoveryStep[] {
  if (kind === 'insecure_context') return [{ browser: null, text: 'steps.insecure_context.all' }];
  if (!PER_BROWSER.has(kind)) return [];
  const order = current ? [current, ...BROWSERS.filter((b) => b !== current)] : [...BROWSERS];
  return order.map((browser) => ({
    browser,
    label: `browser.${browser}` as MessageKey,
    text: `steps.${kind as PerBrowserKind}.${browser}` as MessageKey,
  }));
}
