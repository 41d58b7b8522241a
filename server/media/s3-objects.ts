/**
 * Committed media in an S3-compatible bucket (MEDIA_STORE=s3): key `<aa>/<sha256>`, the same layout
 * as on disk. Every process of a deployment reads the same objects. Objects are written once and
 * never overwritten (content-addressed), so no versioning or locking is asked of the store.
 * The credentials live only in the client built here; errors carry S3's codes, never the keys.
 */
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { objectKey, type ObjectBackend } from './object-backend.js';

export interface S3Settings {
  /** Undefined: AWS's own endpoint for the region. */
  endpoint?: string;
  bucket: string;
  region: string;
  /** Undefined: the SDK's default chain (environment, instance role…). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Path-style URLs (`endpoint/bucket/key`): most self-hosted stores need it. */
  forcePathStyle: boolean;
}

const isNotFound = (err: unknown) => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
};

export function createS3Objects(settings: S3Settings): ObjectBackend {
  const client = new S3Client({
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(settings.credentials ? { credentials: settings.credentials } : {}),
    // Checksums only where S3 requires them: S3-compatible stores often lack the newer trailing-checksum uploads.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = settings.bucket;

  async function get(sha256: string, range?: { start: number; end: number }) {
    const answer = await client.send(
      new GetObjectCommand({ Bucket, Key: objectKey(sha256), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
    );
    if (!answer.Body) throw new Error('S3 answered without a body');
    return answer.Body;
  }

  return {
    kind: 's3',
    async size(sha256) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: objectKey(sha256) }));
        return head.ContentLength ?? 0;
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    async commitFrom(staging, staged) {
      // A Buffer, not a stream: signed (SigV4) over plain http too, and retried by the SDK. Staged
      // files are bounded by MAX_UPLOAD_BYTES, and the probe holds the same bytes in memory already.
      const body = await staging.read(staged);
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: objectKey(staged.sha256),
          Body: body,
          ContentLength: body.length,
          ContentType: 'application/octet-stream',
        }),
      );
      await staging.discard(staged);
    },
    async read(sha256) {
      return Buffer.from(await (await get(sha256)).transformToByteArray());
    },
    async stream(sha256, range) {
      return (await get(sha256, range)) as Readable;
    },
    async delete(sha256) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(sha256) }));
    },
    async presignedGet(sha256, ttlSeconds, contentType) {
      const command = new GetObjectCommand({
        Bucket,
        Key: objectKey(sha256),
        ...(contentType ? { ResponseContentType: contentType } : {}),
      });
      return getSignedUrl(client, command, { expiresIn: Math.max(1, Math.round(ttlSeconds)) });
    },
  };
}
