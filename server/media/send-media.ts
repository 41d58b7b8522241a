/**
 * Answers a GET for one stored object from either store, honouring a single `Range: bytes=…` (206,
 * or 416 past the end) so the reviewer's player can seek. Several ranges or a malformed header get
 * the whole object (RFC 9110 lets a server ignore Range).
 */
import type { FastifyReply } from 'fastify';
import { HttpError } from '../http-error.js';
import type { ByteRange, MediaStore } from './store.js';

/** The one range `header` asks for within `size` bytes: undefined = the whole object, 'unsatisfiable' = 416. */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined | 'unsatisfiable' {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return undefined;
  return { start, end };
}

export async function sendMedia(
  reply: FastifyReply,
  media: MediaStore,
  object: { sha256: string; mime: string },
  rangeHeader: string | undefined,
): Promise<FastifyReply> {
  const size = await media.size(object.sha256);
  if (size === undefined) throw new HttpError(404, 'not_found', 'No such media.');
  reply.header('cache-control', 'private, no-store').header('accept-ranges', 'bytes').type(object.mime);
  const range = parseRange(rangeHeader, size);
  if (range === 'unsatisfiable') {
    reply.header('content-range', `bytes */${size}`);
    throw new HttpError(416, 'range_not_satisfiable', 'The requested range is outside the media.');
  }
  if (!range) return reply.header('content-length', size).send(await media.stream(object.sha256));
  return reply
    .code(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
    .header('content-length', range.end - range.start + 1)
    .send(await media.stream(object.sha256, range));
}
