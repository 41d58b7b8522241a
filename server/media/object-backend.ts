/**
 * Where a media store keeps committed objects: a directory (./disk-objects.ts) or an S3 bucket
 * (./s3-objects.ts). Only these two build object locations; the index, staging, pins and leftover
 * sweep around them are shared (./store.ts).
 */
import type { Readable } from 'node:stream';
import type { Staging, StagedMedia } from './staging.js';

/** Inclusive byte offsets, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface ObjectBackend {
  readonly kind: 'disk' | 's3';
  /** Size of the stored object, or undefined when there is none. */
  size(sha256: string): Promise<number | undefined>;
  /** Moves a staged upload into place under its sha256 (the staged copy is gone afterwards). */
  commitFrom(staging: Staging, staged: StagedMedia): Promise<void>;
  read(sha256: string): Promise<Buffer>;
  stream(sha256: string, range?: ByteRange): Promise<Readable>;
  delete(sha256: string): Promise<void>;
  /**
   * Every stored object, for adopting objects written before the index existed: only the disk store
   * predates the index (a bucket is indexed from its first object).
   */
  list?(): AsyncIterable<{ sha256: string; lastModified: Date }>;
  /** A URL anyone holding it can GET the object with until it expires; undefined when the backend has none. */
  presignedGet?(sha256: string, ttlSeconds: number, contentType?: string): Promise<string>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** `<aa>/<sha256>`. The hash becomes a key or a path: refuse anything that is not one, so no caller escapes the store. */
export function objectKey(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error('invalid media hash');
  return `${sha256.slice(0, 2)}/${sha256}`;
}

/** Whether `key` (`<aa>/<sha256>`) names an object; returns its sha256. */
export function shaOfKey(key: string): string | undefined {
  const [dir, name, extra] = key.split('/');
  return extra === undefined && dir && name && SHA256_HEX.test(name) && name.startsWith(dir) ? name : undefined;
}
