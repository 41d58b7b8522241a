/**
 * Reads a vendor's answer under a byte cap, for every adapter in place of `response.text()`. No vendor's
 * documented answer is more than a few kilobytes; a body past the cap (a misrouted download, a proxy's dump, a
 * hostile endpoint) is not read further, so one answer can neither hold megabytes in memory nor land whole in the
 * database and the case API.
 */

/** Per HTTP answer: 60× the largest documented vendor answer, far below what would hurt memory or the case page. */
export const MAX_VENDOR_ANSWER_BYTES = 256 * 1024;

/** How much of an oversized answer is kept for the reviewer: its start usually says what it is. */
const OVERSIZED_HEAD_BYTES = 2048;

export type BoundedBody =
  | { complete: true; text: string }
  /** Over the cap: `head` is its first bytes as text ('' when its Content-Length alone refused it). */
  | { complete: false; head: string; limitBytes: number };

const utf8 = new TextDecoder(); // as response.text(): UTF-8, BOM dropped, bad bytes replaced

export async function readBoundedText(response: Response, limitBytes = MAX_VENDOR_ANSWER_BYTES): Promise<BoundedBody> {
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) > limitBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { complete: false, head: '', limitBytes };
  }
  if (!response.body) return { complete: true, text: '' };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    if (received > limitBytes) {
      // Cancelling closes the connection: the rest is never downloaded.
      await reader.cancel().catch(() => undefined);
      return { complete: false, head: utf8.decode(Buffer.concat(chunks).subarray(0, OVERSIZED_HEAD_BYTES)), limitBytes };
    }
  }
  return { complete: true, text: utf8.decode(Buffer.concat(chunks)) };
}

/** `raw` for an oversized answer: its head and a marker saying it was cut. */
export function oversizedRaw(head: string, limitBytes: number): string {
  const cap = `${Math.round(limitBytes / 1024)} KB`;
  return head === '' ? `[not read: the answer declared more than ${cap}]` : `${head}… [truncated: the answer was over ${cap}]`;
}
