/**
 * Where a finished session sends the person: the integrator's returnUrl plus
 * `session=<id>&status=submitted`, appended to any query it already has. Never a score or verdict:
 * the integrator reads those server to server.
 */
export function submittedReturnUrl(returnUrl: string, sessionId: string): string | null {
  let url: URL;
  try {
    url = new URL(returnUrl);
  } catch {
    return null;
  }
  // The server checked the origin; this only refuses what could never be a page to go back to.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  url.searchParams.set('session', sessionId);
  url.searchParams.set('status', 'submitted');
  return url.toString();
}
