/**
 * The few lines `npm start` prints once the server listens: where to capture, where to review,
 * the demo panel while vendors are simulated, and the generated first admin's one-time password
 * (that start only). Written to stdout, never to the log stream.
 */
export interface BannerFacts {
  /** The address the server listens on (or PUBLIC_BASE_URL). */
  baseUrl: string;
  /** Vendors answered by the built-in simulators: the demo panel is available. */
  simulated: boolean;
  /** The generated first admin, on the start that created it. */
  firstAdmin?: { email: string; password: string };
  color: boolean;
}

export function startupBanner(facts: BannerFacts): string {
  const base = facts.baseUrl.replace(/\/+$/, '');
  const bold = (s: string) => (facts.color ? `\x1b[1m${s}\x1b[0m` : s);
  const rows: Array<[string, string]> = [
    ['Capture', `${base}/`],
    ['Review', `${base}/review`],
    ...(facts.simulated ? [['Demo', `${base}/review/admin/demo`] as [string, string]] : []),
  ];
  const lines = ['', bold('Selfie screen is running'), ...rows.map(([label, url]) => `  ${label.padEnd(8)} ${url}`)];
  if (facts.firstAdmin) {
    lines.push(
      '',
      `  First admin: ${facts.firstAdmin.email}`,
      `  One-time password (shown only now): ${bold(facts.firstAdmin.password)}`,
      '  Sign in at the review URL and choose your own password.',
    );
  }
  if (facts.simulated) lines.push('', '  Vendors are simulated: no real vendor is called.');
  return `${lines.join('\n')}\n\n`;
}
