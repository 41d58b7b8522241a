import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http-error.js';
import { sharedFixture } from '../test-support/test-server.js';
import { probeUpload } from './check-media.js';

const clip = readFileSync(sharedFixture('face_640x480.mp4'));

function refusal(bytes: Buffer): HttpError {
  try {
    probeUpload('video', bytes);
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected the upload to be refused');
}

describe('probeUpload', () => {
  it('accepts a clip followed by a few stray bytes (a trailing newline) as the clip itself', () => {
    const withNewline = Buffer.concat([clip, Buffer.from('\n')]);
    expect(probeUpload('video', withNewline).probe).toEqual(probeUpload('video', clip).probe);
  });

  it('tells the user a cut-off clip ends early, with 422 truncated_media', () => {
    const error = refusal(clip.subarray(0, Math.floor(clip.length * 0.6)));
    expect(error).toMatchObject({ statusCode: 422, code: 'truncated_media' });
    expect(error.message).toMatch(/^The file "video" is incomplete: it ends part-way through its own video data/);
  });

  it('calls a file with no track information damaged, not cut off', () => {
    const ftypOnly = clip.subarray(0, clip.readUInt32BE(0));
    expect(refusal(ftypOnly)).toMatchObject({ statusCode: 422, code: 'corrupt_media' });
  });
});
