import { describe, expect, it } from 'vitest';
import { buildCanonicalRequest, sha256Hex } from './canonical-request.js';

describe('buildCanonicalRequest', () => {
  it('joins method (uppercased), path, query, header lines, signed headers and payload hash with newlines', () => {
    const request = buildCanonicalRequest({
      method: 'post',
      canonicalUri: '/',
      canonicalQuery: '',
      canonicalHeaders: 'content-type:application/json\nhost:example.com\n',
      signedHeaders: 'content-type;host',
      payloadHash: sha256Hex(''),
    });
    expect(request.split('\n')).toEqual([
      'POST',
      '/',
      '',
      'content-type:application/json',
      'host:example.com',
      '',
      'content-type;host',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ]);
  });
});
