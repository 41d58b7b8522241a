/**
 * A small multipart/form-data reader for the simulated OSS PostObject. It reads standard multipart and also the
 * SDK's layout (no CRLF between the file bytes and the next boundary; spec §2), and, like OSS, stops at the `file`
 * part: fields after it are ignored (public OSS PostObject semantics).
 */

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || contentType.split(';')[0]?.trim().toLowerCase() !== 'multipart/form-data') return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

function parseHeaders(text: string): { name?: string; filename?: string; contentType?: string } {
  const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(text)?.[1] ?? '';
  return {
    name: /;\s*name="([^"]*)"/i.exec(disposition)?.[1],
    filename: /;\s*filename="([^"]*)"/i.exec(disposition)?.[1],
    contentType: /^content-type:[ \t]*(.*)$/im.exec(text)?.[1]?.trim(),
  };
}

/** Undefined when the body is not well-formed multipart for this boundary. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return undefined;
  for (;;) {
    let start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString('latin1') === '--') return parts;
    if (body.subarray(start, start + 2).equals(CRLF)) start += 2;
    const headerEnd = body.indexOf(HEADER_END, start);
    if (headerEnd < 0) return undefined;
    const headers = parseHeaders(body.subarray(start, headerEnd).toString('utf8'));
    const dataStart = headerEnd + HEADER_END.length;
    const next = body.indexOf(delimiter, dataStart);
    if (next < 0 || headers.name === undefined) return undefined;
    const end = next >= dataStart + 2 && body.subarray(next - 2, next).equals(CRLF) ? next - 2 : next;
    parts.push({
      name: headers.name,
      filename: headers.filename,
      contentType: headers.contentType,
      data: body.subarray(dataStart, end),
    });
    if (headers.name === 'file') return parts;
    at = next;
  }
}
