/**
 * A strict multipart/form-data reader (RFC 7578 / RFC 2046 §5.1) for the simulator: the raw body is kept, so
 * the file bytes are exactly what the client sent. Returns undefined for anything malformed.
 */

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** The `boundary` parameter of a multipart/form-data Content-Type, or undefined for any other type. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || contentType.split(';')[0]?.trim().toLowerCase() !== 'multipart/form-data') return undefined;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s"]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function dispositionParameter(disposition: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}=(?:"([^"]*)"|([^;\\s"]+))`, 'i').exec(disposition);
  return match?.[1] ?? match?.[2];
}

function parseHeaders(block: string): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  // A preamble before the first delimiter is allowed and ignored.
  let position = 0;
  if (!body.subarray(0, delimiter.length).equals(delimiter)) {
    const first = body.indexOf(nextDelimiter);
    if (first < 0) return undefined;
    position = first + 2;
  }

  const parts: MultipartPart[] = [];
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString('latin1') === '--') return parts;
    if (body.subarray(position, position + 2).toString('latin1') !== '\r\n') return undefined;
    position += 2;
    const headerEnd = body.indexOf('\r\n\r\n', position, 'latin1');
    if (headerEnd < 0) return undefined;
    const headers = parseHeaders(body.subarray(position, headerEnd).toString('utf8'));
    const dataStart = headerEnd + 4;
    const dataEnd = body.indexOf(nextDelimiter, dataStart);
    if (!headers || dataEnd < 0) return undefined;
    const disposition = headers['content-disposition'] ?? '';
    const name = dispositionParameter(disposition, 'name');
    if (!/^form-data\s*(;|$)/i.test(disposition) || name === undefined) return undefined;
    parts.push({
      name,
      filename: dispositionParameter(disposition, 'filename'),
      contentType: headers['content-type'],
      data: body.subarray(dataStart, dataEnd),
    });
    position = dataEnd + 2;
  }
}
