/** Loads the SDK-captured Alibaba requests in ../shared/vendor-api/vectors (shared/ sits beside the repo clone). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CapturedRequest {
  role?: string;
  url: string;
  method: string;
  target: string;
  path: string;
  rawQuery: string;
  headers: [string, string][];
  bodyBase64: string;
  check: {
    kind: string;
    boundary?: string;
    fields?: { name: string; value?: string; filename?: string; valueBase64?: string }[];
  };
  expectFormFields?: Record<string, string>;
  expectQueryParams?: Record<string, string>;
}

export interface VectorCase {
  name: string;
  description: string;
  cannedResponses?: Record<string, Record<string, unknown>>;
  requests: CapturedRequest[];
}

export interface VectorFile {
  operation: string;
  apiVersion: string;
  credentials: { accessKeyId: string; accessKeySecret: string };
  cases: VectorCase[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const VECTORS_DIR = path.resolve(repoRoot, '../shared/vendor-api/vectors');

export const ALIBABA_VECTOR_FILES = [
  'alibaba-intl.DeepfakeDetectIntl.json',
  'alibaba-intl.DeepfakeDetectIntlStream.json',
  'alibaba-cn.DeepfakeDetect.json',
] as const;

export function loadVectors(fileName: (typeof ALIBABA_VECTOR_FILES)[number]): VectorFile {
  return JSON.parse(readFileSync(path.join(VECTORS_DIR, fileName), 'utf8')) as VectorFile;
}

export function headerOf(request: CapturedRequest, name: string): string | undefined {
  return request.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

export function requireHeader(request: CapturedRequest, name: string): string {
  const value = headerOf(request, name);
  if (value === undefined) throw new Error(`captured request has no ${name} header`);
  return value;
}

export function bodyOf(request: CapturedRequest): Buffer {
  return Buffer.from(request.bodyBase64, 'base64');
}

/** Headers by lowercase name, as a Node server would see them. */
export function lowercaseHeaders(request: CapturedRequest): Record<string, string> {
  return Object.fromEntries(request.headers.map(([k, v]) => [k.toLowerCase(), v]));
}

export interface LabelledRequest {
  file: string;
  caseName: string;
  request: CapturedRequest;
  credentials: VectorFile['credentials'];
}

export function requestsOfKind(kind: string): LabelledRequest[] {
  return ALIBABA_VECTOR_FILES.flatMap((file) => {
    const vectors = loadVectors(file);
    return vectors.cases.flatMap((c) =>
      c.requests
        .filter((r) => r.check.kind === kind)
        .map((request) => ({ file, caseName: c.name, request, credentials: vectors.credentials })),
    );
  });
}
