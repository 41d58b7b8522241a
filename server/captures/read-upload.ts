/**
 * Reads the multipart body of POST /api/captures into memory, bounded, and checks its shape.
 * Nothing is written anywhere here: a bad request leaves nothing behind.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { captureConsentSchema, captureMetaSchema, type CaptureMeta } from '@contract/api';
import { HttpError, describeIssues } from '../http-error.js';

/** The meta without its consent, which is checked on its own so a missing or malformed one gets `consent_required`. */
const metaSchema = captureMetaSchema.extend({ consent: z.unknown().optional() });

export type UploadMeta = CaptureMeta;

export interface RawUpload {
  meta: UploadMeta;
  /**
   * Files by field name: `video` (required), optional `image`, and per-provider fitted variants
   * `video.<providerId>` / `image.<providerId>` when one clip cannot meet every vendor's limits.
   */
  files: Map<string, Buffer>;
}

const FILE_FIELD = /^(video|image)(\.[a-z][a-z-]{1,30})?$/;
const MAX_FILES = 12;

/** Telemetry is for reviewers; cap it so nobody stores megabytes of JSON through it. */
const MAX_META_BYTES = 256 * 1024;

export async function readUpload(request: FastifyRequest, maxFileBytes: number): Promise<RawUpload> {
  if (!request.isMultipart()) {
    throw new HttpError(400, 'invalid_multipart', 'Send the capture as multipart/form-data with fields meta and video.');
  }
  let metaText: string | undefined;
  const files = new Map<string, Buffer>();
  try {
    const parts = request.parts({
      limits: { fileSize: maxFileBytes, files: MAX_FILES, fields: 1, fieldSize: MAX_META_BYTES, parts: MAX_FILES + 1 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname !== 'meta') throw new HttpError(400, 'unexpected_field', `Unexpected field "${part.fieldname}".`);
        metaText = String(part.value);
      } else if (FILE_FIELD.test(part.fieldname) && !files.has(part.fieldname)) {
        const bytes = await part.toBuffer();
        if (bytes.length > 0) files.set(part.fieldname, bytes);
      } else {
        part.file.resume();
        throw new HttpError(400, 'unexpected_field', `Unexpected file field "${part.fieldname}".`);
      }
    }
  } catch (err) {
    if (err instanceof HttpError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new HttpError(413, 'file_too_large', `The file is larger than ${Math.round(maxFileBytes / 1048576)} MB.`);
    }
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new HttpError(400, 'too_many_parts', `Send one meta field and at most ${MAX_FILES} files.`);
    }
    if (code === 'FST_REQ_FIELD_TOO_LARGE' || code === 'FST_FIELD_SIZE_LIMIT') {
      throw new HttpError(413, 'meta_too_large', 'The meta field is too large.');
    }
    throw new HttpError(400, 'invalid_multipart', 'The multipart body could not be read.');
  }
  if (metaText === undefined) throw new HttpError(400, 'missing_meta', 'Field "meta" (JSON) is required.');
  if (!files.has('video')) throw new HttpError(400, 'missing_video', 'File field "video" is required.');
  let metaJson: unknown;
  try {
    metaJson = JSON.parse(metaText);
  } catch {
    throw new HttpError(400, 'invalid_meta', 'Field "meta" is not valid JSON.');
  }
  const meta = metaSchema.safeParse(metaJson);
  if (!meta.success) {
    throw new HttpError(400, 'invalid_meta', `Field "meta" is invalid: ${describeIssues(meta.error, 'meta')}`);
  }
  const consent = captureConsentSchema.safeParse(meta.data.consent);
  if (!consent.success) {
    const why = meta.data.consent === undefined ? 'is missing' : `is invalid: ${describeIssues(consent.error, 'consent')}`;
    throw new HttpError(400, 'consent_required', `The person's consent (meta.consent: version, acceptedAt, locale) ${why}.`);
  }
  for (const field of files.keys()) {
    const providerId = field.split('.')[1];
    if (providerId && !meta.data.providers.includes(providerId)) {
      throw new HttpError(400, 'unexpected_field', `File "${field}" is for provider "${providerId}", which was not chosen.`);
    }
  }
  return { meta: { ...meta.data, consent: consent.data }, files };
}
