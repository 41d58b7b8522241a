import { describe, expect, it } from 'vitest';
import { serializeVideoMultipart } from '../request.js';
import { multipartBoundary, parseMultipart } from './multipart.js';

const CRLF = '\r\n';

describe('multipartBoundary', () => {
  it.each([
    ['multipart/form-data; boundary=abc', 'abc'],
    ['Multipart/Form-Data;boundary="a b c"', 'a b c'],
    ['multipart/form-data; charset=utf-8; boundary=----x', '----x'],
    ['multipart/form-data', undefined],
    ['multipart/mixed; boundary=abc', undefined],
    ['application/json', undefined],
    [undefined, undefined],
  ])('%s → %s', (contentType, boundary) => {
    expect(multipartBoundary(contentType)).toBe(boundary);
  });
});

describe('parseMultipart', () => {
  it('reads our own serialization back, bytes intact (CRLF and dashes inside the file too)', () => {
    const video = Buffer.from(`\0\r\n--b\r\n--x\xff`, 'latin1');
    expect(parseMultipart(serializeVideoMultipart(video, 'xyz'), 'xyz')).toEqual([
      { name: 'video', filename: 'video.mp4', contentType: 'video/mp4', data: video },
    ]);
  });

  it('reads several parts, fields without a file name, a preamble and an epilogue', () => {
    const body = Buffer.from(
      [
        'preamble',
        '--b',
        'Content-Disposition: form-data; name=note',
        '',
        'hello',
        '--b',
        'content-disposition: form-data; name="video"; filename="a.mp4"',
        '',
        'DATA',
        '--b--',
        'epilogue',
      ].join(CRLF),
    );
    expect(parseMultipart(body, 'b')).toEqual([
      { name: 'note', filename: undefined, contentType: undefined, data: Buffer.from('hello') },
      { name: 'video', filename: 'a.mp4', contentType: undefined, data: Buffer.from('DATA') },
    ]);
  });

  it('reads an empty form', () => {
    expect(parseMultipart(Buffer.from('--b--\r\n'), 'b')).toEqual([]);
  });

  it.each([
    ['no delimiter at all', 'just text'],
    ['no closing delimiter', ['--b', 'Content-Disposition: form-data; name="video"', '', 'DATA'].join(CRLF)],
    ['no blank line after the headers', ['--b', 'Content-Disposition: form-data; name="video"'].join(CRLF)],
    ['a part without a name', ['--b', 'Content-Disposition: form-data', '', 'x', '--b--'].join(CRLF)],
    ['a part that is not form-data', ['--b', 'Content-Disposition: attachment; name="video"', '', 'x', '--b--'].join(CRLF)],
    [
      'a header line without a colon',
      ['--b', 'Content-Disposition: form-data; name="v"', 'garbage', '', 'x', '--b--'].join(CRLF),
    ],
    ['junk after a delimiter', ['--bjunk', 'Content-Disposition: form-data; name="v"', '', 'x', '--b--'].join(CRLF)],
  ])('%s → undefined', (_label, text) => {
    expect(parseMultipart(Buffer.from(text), 'b')).toBeUndefined();
  });
});
