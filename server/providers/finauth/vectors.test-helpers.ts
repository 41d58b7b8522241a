/** Loads ../shared/vendor-api/vectors/finauth.anti_deepfake.json (shared/ sits beside the repo clone). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SignVector {
  apiKey: string;
  expireTime: number;
  currentTime: number;
  random: string;
  raw: string;
  sign: string;
}

export interface RecordedRequest {
  url: string;
  method: string;
  path: string;
  headers: [string, string][];
  bodyBase64: string;
  check: { kind: string; signVector: number; fileField: string; dataType: string };
}

export interface FinauthVectorFile {
  credentials: { apiKey: string; apiSecret: string };
  signVectors: SignVector[];
  cases: { name: string; description: string; requests: RecordedRequest[] }[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FINAUTH_VECTORS_PATH = path.resolve(repoRoot, '../shared/vendor-api/vectors/finauth.anti_deepfake.json');

export function loadFinauthVectors(): FinauthVectorFile {
  return JSON.parse(readFileSync(FINAUTH_VECTORS_PATH, 'utf8')) as FinauthVectorFile;
}

export function headerOf(request: RecordedRequest, name: string): string | undefined {
  return request.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

export function bodyOf(request: RecordedRequest): Buffer {
  return Buffer.from(request.bodyBase64, 'base64');
}

export function multipartRequests(file: FinauthVectorFile): { caseName: string; request: RecordedRequest }[] {
  return file.cases.flatMap((c) =>
    c.requests.filter((r) => r.check.kind === 'finauth-multipart').map((request) => ({ caseName: c.name, request })),
  );
}

export interface RecordedPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** A plain splitter for the recorded bodies (independent of the WHATWG parser the simulator uses). */
export function splitMultipart(body: Buffer, boundary: string): RecordedPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: RecordedPart[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next - 2); // skip the CRLF after the delimiter and before the next one
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('latin1');
    const name = /name="([^"]*)"/.exec(headers)?.[1] ?? '';
    const filename = /filename="([^"]*)"/.exec(headers)?.[1];
    const contentType = /Content-Type: (.*)/i.exec(headers)?.[1]?.trim();
    parts.push({ name, filename, contentType, data: part.subarray(headerEnd + 4) });
    at = next;
  }
  return parts;
}
