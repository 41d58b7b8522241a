/**
 * Reads the multipart body of POST /api/captures as it streams: `meta` first (checked at once;
 * it decides which file fields are allowed and how large the request may be), then each file
 * straight into the media store's staging area, hashed on the way. A bad field is refused when
 * its part header arrives; the request is bounded in bytes, parts and rate. Nothing is kept
 * unless the caller commits it: on any refusal every staged file is discarded.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import Busboy from '@fastify/busboy';
import type { Readable } from 'node:stream';
import { HttpError } from '../http-error.js';
import { MediaTooLargeError, type MediaStore, type StagedMedia } from '../media/store.js';
import type { Provider } from '../providers/types.js';
import { MAX_META_BYTES, fileCaps, formatMegabytes, requestCap, type FileCap } from './upload-caps.js';
import { lingerThenClose, watchBody, type BodyRate } from './upload-body.js';
import { parseMeta, type UploadMeta } from './upload-meta.js';

export interface RawUpload {
  meta: UploadMeta;
  /** The chosen providers, enabled on this server, without repeats. */
  chosen: Provider[];
  /**
   * Staged files by field name: `video` (required), optional `image`, and per-provider fitted
   * variants `video.<providerId>` / `image.<providerId>` when one clip cannot meet every vendor's limits.
   */
  files: Map<string, StagedMedia>;
}

export interface UploadReaderDeps {
  media: MediaStore;
  /** Enabled providers by id. */
  providers: ReadonlyMap<string, Provider>;
  /** MAX_UPLOAD_BYTES: no file is larger, whatever the providers take. */
  maxFileBytes: number;
  rate: BodyRate;
  /** The upload's capture session's providers: they replace meta.providers (upload-meta.ts). */
  sessionProviders?: readonly string[];
}

const tooLarge = (role: string, cap: FileCap) =>
  new HttpError(
    413,
    'file_too_large',
    `The file "${role}" is larger than ${formatMegabytes(cap.maxBytes)}${cap.setBy ? `, the most ${cap.setBy} accepts` : ''}.`,
  );

/** Every bound an upload can break, for the largest provider set (checked before reading). */
export function absoluteRequestCap(deps: Pick<UploadReaderDeps, 'providers' | 'maxFileBytes'>): number {
  return requestCap(fileCaps([...deps.providers.values()], deps.maxFileBytes));
}

/** Reads the meta part, refusing it past MAX_META_BYTES without waiting for its end. */
async function readMeta(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_META_BYTES)
      throw new HttpError(413, 'meta_too_large', `The meta field is larger than ${MAX_META_BYTES / 1024} KB.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function readUpload(request: FastifyRequest, reply: FastifyReply, deps: UploadReaderDeps): Promise<RawUpload> {
  const contentType = request.headers['content-type'];
  if (!request.isMultipart() || !contentType) {
    throw new HttpError(400, 'invalid_multipart', 'Send the capture as multipart/form-data with fields meta and video.');
  }
  const absoluteCap = absoluteRequestCap(deps);
  // meta and one part per field the largest provider set allows (each field is refused when repeated).
  const maxParts = 1 + fileCaps([...deps.providers.values()], deps.maxFileBytes).size;
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (declared > absoluteCap) {
    // Not read: the answer goes out at once and the connection closes shortly after.
    lingerThenClose(request.raw);
    throw new HttpError(413, 'request_too_large', `The upload is larger than the ${absoluteCap} bytes this server takes.`);
  }

  let parser: ReturnType<typeof Busboy>;
  try {
    parser = Busboy({
      headers: { ...request.headers, 'content-type': contentType },
      // Every part is a stream, so its name is judged when its header arrives, before its body.
      isPartAFile: () => true,
      limits: { parts: maxParts, files: maxParts, fields: 0, headerPairs: 16, headerSize: 8 * 1024 },
    });
  } catch {
    lingerThenClose(request.raw);
    throw new HttpError(400, 'invalid_multipart', 'The multipart body could not be read (no boundary).');
  }
  const body = watchBody(request.raw, parser, { cap: absoluteCap, ...deps.rate });

  let settled = false;
  let fail: (err: unknown) => void = () => {};
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const refuse = (err: unknown) => {
    if (settled) return;
    settled = true;
    fail(err);
  };

  let metaRead: Promise<{ meta: UploadMeta; chosen: Provider[]; caps: Map<string, FileCap> }> | undefined;
  const staging: Array<Promise<[string, StagedMedia]>> = [];
  // Ends every stage still streaming when the upload is refused.
  const stop = new AbortController();
  const open: Readable[] = [];
  const seen = new Set<string>();

  async function onPart(name: string | undefined, stream: Readable): Promise<void> {
    if (name === 'meta' && !metaRead) {
      metaRead = readMeta(stream).then((bytes) => {
        const { meta, chosen } = parseMeta(bytes, deps.providers, deps.sessionProviders);
        const caps = fileCaps(chosen, deps.maxFileBytes);
        const cap = requestCap(caps);
        if (declared > cap) {
          body.overCap();
          throw new HttpError(
            413,
            'request_too_large',
            `The upload is larger than the ${cap} bytes the chosen providers can take.`,
          );
        }
        body.setCap(cap);
        return { meta, chosen, caps };
      });
      await metaRead;
      return;
    }
    if (!metaRead) throw new HttpError(400, 'meta_not_first', 'Send the "meta" field first, before any file.');
    // The meta part may still be arriving; this part waits (it is not read meanwhile).
    const { caps } = await metaRead;
    const cap = name === undefined ? undefined : caps.get(name);
    if (name === undefined || !cap || seen.has(name)) {
      const why = name === 'meta' || seen.has(name ?? '') ? 'is repeated' : 'is not expected for the chosen providers';
      throw new HttpError(400, 'unexpected_field', `Field "${name ?? ''}" ${why}.`);
    }
    seen.add(name);
    const staged = deps.media.stage(stream, { maxBytes: cap.maxBytes, signal: stop.signal }).then(
      (s): [string, StagedMedia] => [name, s],
      (err: unknown) => {
        throw err instanceof MediaTooLargeError ? tooLarge(name, cap) : err;
      },
    );
    staging.push(staged);
    await staged;
  }

  parser.on('file', (name: string | undefined, stream: Readable) => {
    open.push(stream);
    stream.on('error', () => {}); // reported through the parser or the stage
    onPart(name, stream).catch(refuse);
  });
  parser.on('partsLimit', () =>
    refuse(new HttpError(400, 'too_many_parts', `Send one meta field and at most ${maxParts - 1} files.`)),
  );
  parser.on('error', () => refuse(new HttpError(400, 'invalid_multipart', 'The multipart body could not be read.')));
  parser.on('finish', () => {
    // Every part has been handed over; wait for the last ones to be staged.
    Promise.all(staging).then(() => {
      if (!settled) {
        settled = true;
        finish();
      }
    }, refuse);
  });
  request.raw.once('close', () => {
    if (!request.raw.complete) refuse(new HttpError(400, 'upload_aborted', 'The upload was interrupted.'));
  });
  body.failed.catch(refuse);

  try {
    await done;
    if (!metaRead) throw new HttpError(400, 'missing_meta', 'Field "meta" (JSON) is required.');
    const { meta, chosen } = await metaRead;
    const files = new Map(await Promise.all(staging));
    // An empty file part is no file (a form that sent none).
    for (const [role, staged] of files) {
      if (staged.byteLength > 0) continue;
      files.delete(role);
      await deps.media.discard(staged);
    }
    if (!files.has('video')) throw new HttpError(400, 'missing_video', 'File field "video" is required.');
    return { meta, chosen, files };
  } catch (err) {
    if (body.mustClose) reply.header('connection', 'close');
    body.abandon();
    stop.abort();
    for (const stream of open) stream.destroy();
    // Leave nothing behind: wait for every stage to end, and discard what was staged.
    const results = await Promise.allSettled(staging);
    await Promise.all(results.map((r) => (r.status === 'fulfilled' ? deps.media.discard(r.value[1]) : undefined)));
    throw err;
  }
}
