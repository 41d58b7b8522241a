import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  Conflict,
  InvalidInput,
  MediaOutOfLimits,
  MediaUnsuitable,
  NotFound,
  TryAgain,
  UnsupportedMedia,
  type DomainError,
} from '../domain-errors.js';
import { HttpError } from '../http-error.js';
import { answerError } from './errors.js';

/** The answer to a request whose handler throws `error`. */
async function answerTo(error: unknown) {
  const app = Fastify({ logger: false });
  app.setErrorHandler(answerError);
  app.get('/', async () => {
    throw error;
  });
  const res = await app.inject({ method: 'GET', url: '/' });
  await app.close();
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

describe('answerError', () => {
  const cases: Array<[DomainError, number]> = [
    [new InvalidInput('invalid_cursor', 'Bad cursor.'), 400],
    [new NotFound('not_found', 'No such case.'), 404],
    [new Conflict('media_purged', 'The media was deleted.'), 409],
    [new UnsupportedMedia('not_a_video', 'Not a video.'), 415],
    [new MediaUnsuitable('truncated_media', 'Cut short.'), 422],
    [new TryAgain('upload_conflict', 'Try again.'), 503],
  ];
  it.each(cases)('answers %s with its status and { code, message }', async (error, status) => {
    expect(await answerTo(error)).toEqual({ status, body: { code: error.code, message: error.message } });
  });

  it('keeps the details of media_out_of_limits', async () => {
    const problems = [{ provider: 'tencent', rule: 'duration', message: 'Tencent: too long' }];
    expect(await answerTo(new MediaOutOfLimits('Tencent: too long', { problems }))).toEqual({
      status: 422,
      body: { code: 'media_out_of_limits', message: 'Tencent: too long', details: { problems } },
    });
  });

  it('answers an edge HttpError as thrown, and anything else as a bare 500', async () => {
    expect(await answerTo(new HttpError(413, 'file_too_large', 'Too large.'))).toEqual({
      status: 413,
      body: { code: 'file_too_large', message: 'Too large.' },
    });
    const crash = await answerTo(new Error('select * from cases where email = $1'));
    expect(crash).toEqual({ status: 500, body: { code: 'internal_error', message: expect.not.stringContaining('select') } });
  });
});
