/** Loads the recorded GLAIR requests in ../shared/vendor-api/vectors (shared/ sits beside the repo clone). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CapturedRequest {
  url: string;
  method: string;
  path: string;
  headers: [string, string][];
  bodyBase64: string;
  check: { kind: string; username: string; password: string; apiKey: string; multipartFields?: string[]; jsonKeys?: string[] };
}

export interface VectorCase {
  name: string;
  provenance: string;
  requests: CapturedRequest[];
}

export interface VectorFile {
  credentials: { username: string; password: string; apiKey: string };
  cases: VectorCase[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const GLAIR_VECTORS_PATH = path.resolve(repoRoot, '../shared/vendor-api/vectors/glair.deepfake.json');

export function loadGlairVectors(): VectorFile {
  return JSON.parse(readFileSync(GLAIR_VECTORS_PATH, 'utf8')) as VectorFile;
}

export function allRequests(file: VectorFile): { caseName: string; request: CapturedRequest }[] {
  return file.cases.flatMap((c) => c.requests.map((request) => ({ caseName: c.name, request })));
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
