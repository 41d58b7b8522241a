/**
 * Collects Content-Security-Policy violations a page reports: `securitypolicyviolation` events in
 * the document (recorded by an init script) and the browser's "Refused to …" console errors. A
 * violation inside a worker shows up as that worker failing (a fitting job would fall back or
 * fail), which the capture specs already assert.
 */
import { expect, test, type Page } from '@playwright/test';

/**
 * Blocks the policy is there to make: @mediapipe/tasks-vision uploads usage metrics to Google
 * every 60 s while a detector exists (a slow run reaches it); `connect-src 'self'` stops that.
 */
const INTENDED_BLOCKS = [/odml\.pa\.googleapis\.com/];
const intended = (text: string) => INTENDED_BLOCKS.some((re) => re.test(text));

export interface CspWatch {
  violations(): Promise<string[]>;
}

export async function watchCspViolations(page: Page): Promise<CspWatch> {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
      consoleErrors.push(message.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return {
    async violations() {
      const events = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
      return [...events, ...consoleErrors].filter((v) => !intended(v));
    },
  };
}

/** Every test of the calling spec file watches its page and ends with no violation. */
export function expectNoCspViolationsInEachTest(): void {
  let csp: CspWatch;
  test.beforeEach(async ({ page }) => {
    csp = await watchCspViolations(page);
  });
  test.afterEach(async () => {
    expect(await csp.violations()).toEqual([]);
  });
}
