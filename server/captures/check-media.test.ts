import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../domain-errors.js';
import type { HttpError } from '../http-error.js';
import { httpErrorOf } from '../http/errors.js';
import { createMediaStore } from '../media/store.js';
import { sharedFixture } from '../test-support/test-server.js';
import { probeUpload } from './check-media.js';

const clip = readFileSync(sharedFixture('face_640x480.mp4'));
const dir = mkdtempSync(path.join(os.tmpdir(), 'check-media-'));
const media = createMediaStore(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Stages the bytes as an upload would, then probes them. */
async function probe(bytes: Buffer) {
  const staged = await media.stage(Readable.from([bytes]), { maxBytes: 64 * 1024 * 1024 });
  try {
    return await probeUpload('video', staged, media);
  } finally {
    await media.discard(staged);
  }
}

async function refusal(bytes: Buffer): Promise<HttpError> {
  try {
    await probe(bytes);
  } catch (error) {
    if (error instanceof DomainError) return httpErrorOf(error);
    throw error;
  }
  throw new Error('expected the upload to be refused');
}

describe('probeUpload', () => {
  it('accepts a clip followed by a few stray bytes (a trailing newline) as the clip itself', async () => {
    const withNewline = Buffer.concat([clip, Buffer.from('\n')]);
    expect((await probe(withNewline)).probe).toEqual((await probe(clip)).probe);
  });

  it('tells the user a cut-off clip ends early, with 422 truncated_media', async () => {
    const error = await refusal(clip.subarray(0, Math.floor(clip.length * 0.6)));
    expect(error).toMatchObject({ statusCode: 422, code: 'truncated_media' });
    expect(error.message).toMatch(/^The file "video" is incomplete: it ends part-way through its own video data/);
  });

  it('calls a file with no track information damaged, not cut off', async () => {
    const ftypOnly = clip.subarray(0, clip.readUInt32BE(0));
    expect(await refusal(ftypOnly)).toMatchObject({ statusCode: 422, code: 'corrupt_media' });
  });
});
