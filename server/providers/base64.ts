/**
 * RFC 4648 §4 base64 checks for the simulators. Written without a repeated regex group: V8
 * overflows its stack on `(?:x{4})*` over a few megabytes of text, which real clips are.
 */
export function isStandardBase64(text: string, options: { requirePadding: boolean }): boolean {
  const unpadded = text.replace(/={1,2}$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(unpadded) || unpadded.length % 4 === 1) return false;
  if (options.requirePadding) return text.length % 4 === 0;
  return unpadded.length === text.length || text.length % 4 === 0;
}
