import { describe, expect, it } from 'vitest';
import { basicAuthorization, glairAuthHeaders, parseBasicAuthorization } from './auth.js';
import { allRequests, loadGlairVectors, requireHeader } from './vectors.test-helpers.js';

const vectors = loadGlairVectors();
const captured = allRequests(vectors);

describe('GLAIR auth headers against the recorded vectors', () => {
  it('uses every request in the file (SDK reference, video, frames)', () => {
    expect(captured.map((c) => c.caseName)).toEqual(['sdk-auth-reference', 'deepfake-video', 'deepfake-frames']);
    expect(captured.every((c) => c.request.check.kind === 'basic-apikey')).toBe(true);
  });

  it.each(captured)('$caseName: Authorization and x-api-key are byte-identical', ({ request }) => {
    const { username, password, apiKey } = request.check;
    expect(glairAuthHeaders({ username, password, apiKey })).toEqual({
      Authorization: requireHeader(request, 'Authorization'),
      'x-api-key': requireHeader(request, 'x-api-key'),
    });
  });

  it.each(captured)('$caseName: the simulator-side parser reads the credentials back', ({ request }) => {
    const { username, password } = request.check;
    expect(parseBasicAuthorization(requireHeader(request, 'Authorization'))).toEqual({ username, password });
  });

  it('the file-level credentials are the ones each request used', () => {
    for (const { request } of captured) {
      expect(request.check).toMatchObject(vectors.credentials);
    }
  });
});

describe('basicAuthorization', () => {
  it('encodes UTF-8, as `printf "%s" "USER:PASS" | base64` does', () => {
    // printf '%s' 'jürgen:pässwörd' | base64
    expect(basicAuthorization('jürgen', 'pässwörd')).toBe('Basic asO8cmdlbjpww6Rzc3fDtnJk');
  });

  it('keeps colons in the password (only the first colon separates)', () => {
    const header = basicAuthorization('user', 'a:b:c');
    expect(parseBasicAuthorization(header)).toEqual({ username: 'user', password: 'a:b:c' });
  });

  it('refuses a username with a colon, without echoing it', () => {
    expect(() => basicAuthorization('us:er', 'secret-pass')).toThrow(/must not contain ":"/);
    expect(() => basicAuthorization('us:er', 'secret-pass')).not.toThrow(/us:er|secret-pass/);
  });
});

describe('glairAuthHeaders', () => {
  it.each([['key\nInjected: 1'], ['key with space'], [''], ['kéy']])('refuses API key %j without echoing it', (apiKey) => {
    let message = '';
    try {
      glairAuthHeaders({ username: 'u', password: 'p', apiKey });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/API key/);
    if (apiKey) expect(message).not.toContain(apiKey);
  });
});

describe('parseBasicAuthorization', () => {
  it('accepts the scheme in any case', () => {
    expect(parseBasicAuthorization('basic dTpw')).toEqual({ username: 'u', password: 'p' });
    expect(parseBasicAuthorization('BASIC dTpw')).toEqual({ username: 'u', password: 'p' });
  });

  it.each([
    undefined,
    '',
    'Bearer dTpw',
    'Basic',
    'Basic dTpw!',
    'Basic dTp', // not a multiple of 4
    'Basic dXNlcg==', // "user": no colon
    'Basic dT=pw',
  ])('rejects %j', (header) => {
    expect(parseBasicAuthorization(header)).toBeUndefined();
  });
});
