/**
 * Reads the multipart body of POST /api/captures into memory, bounded, and checks its shape.
 * Nothing is written anywhere here: a bad request leaves nothing behind.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpError } from '../http-error.js';

const metaSchema = z.object({
  providers: z.array(z.string().min(1).max(40)).min(1, 'choose at least one provider').max(10),
  telemetry: z.record(z.string(), z.unknown()).optional(),
});

export type UploadMeta = z.infer<typeof metaSchema>;

export interface RawUpload {
  meta: UploadMeta;
  video: Buffer;
  image?: Buffer;
}

/** Telemetry is for reviewers; cap it so nobody stores megabytes of JSON through it. */
const MAX_META_BYTES = 256 * 1024;

export async function readUpload(request: FastifyRequest, maxFileBytes: number): Promise<RawUpload> {
  if (!request.isMultipart()) {
    throw new HttpError(400, 'invalid_multipart', 'Send the capture as multipart/form-data with fields meta and video.');
  }
  let metaText: string | undefined;
  let video: Buffer | undefined;
  let image: Buffer | undefined;
  try {
    const parts = request.parts({
      limits: { fileSize: maxFileBytes, files: 2, fields: 1, fieldSize: MAX_META_BYTES, parts: 3 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname !== 'meta') throw new HttpError(400, 'unexpected_field', `Unexpected field "${part.fieldname}".`);
        metaText = String(part.value);
      } else if (part.fieldname === 'video' || part.fieldname === 'image') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'video') video = bytes;
        else image = bytes;
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
      throw new HttpError(400, 'too_many_parts', 'Send one meta field, one video and at most one image.');
    }
    if (code === 'FST_REQ_FIELD_TOO_LARGE' || code === 'FST_FIELD_SIZE_LIMIT') {
      throw new HttpError(413, 'meta_too_large', 'The meta field is too large.');
    }
    throw new HttpError(400, 'invalid_multipart', 'The multipart body could not be read.');
  }
  if (metaText === undefined) throw new HttpError(400, 'missing_meta', 'Field "meta" (JSON) is required.');
  if (!video || video.length === 0) throw new HttpError(400, 'missing_video', 'File field "video" is required.');
  let metaJson: unknown;
  try {
    metaJson = JSON.parse(metaText);
  } catch {
    throw new HttpError(400, 'invalid_meta', 'Field "meta" is not valid JSON.');
  }
  const meta = metaSchema.safeParse(metaJson);
  if (!meta.success) {
    throw new HttpError(400, 'invalid_meta', `Field "meta" is invalid: ${meta.error.issues.map((i) => `${i.path.join('.') || 'meta'}: ${i.message}`).join('; ')}`);
  }
  return { meta: meta.data, video, image: image && image.length > 0 ? image : undefined };
}
