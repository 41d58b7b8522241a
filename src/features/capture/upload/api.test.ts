import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCaptureForm, captureHeaders, newUploadKey, submitCapture } from './api';

const consent = { version: '2026-11-22.1', acceptedAt: '2026-11-22T00:00:00.000Z', locale: 'en' };

describe('buildCaptureForm', () => {
  it('sends meta first, then the shared video, then one video.<providerId> per fitted file', async () => {
    const trimmed = { blob: new Blob(['trimmed'], { type: 'video/mp4' }), mimeType: 'video/mp4', fileName: 'capture-trim.mp4' };
    const form = buildCaptureForm({
      video: { blob: new Blob(['recording']), mimeType: 'video/mp4;codecs=avc1', fileName: 'capture.mp4' },
      providerVideos: [
        { providerId: 'alibaba-intl', file: trimmed },
        { providerId: 'alibaba-cn', file: trimmed },
      ],
      meta: { providers: ['tencent', 'alibaba-intl', 'alibaba-cn'], consent },
    });
    expect([...form.keys()]).toEqual(['meta', 'video', 'video.alibaba-intl', 'video.alibaba-cn']);
    expect(JSON.parse(String(form.get('meta')))).toEqual({ providers: ['tencent', 'alibaba-intl', 'alibaba-cn'], consent });
    const video = form.get('video') as File;
    expect([video.name, video.type, await video.text()]).toEqual(['capture.mp4', 'video/mp4;codecs=avc1', 'recording']);
    const fitted = form.get('video.alibaba-cn') as File;
    expect([fitted.name, fitted.type, await fitted.text()]).toEqual(['capture-trim.mp4', 'video/mp4', 'trimmed']);
  });

  it('sends only `video` when nobody needs their own file', () => {
    const form = buildCaptureForm({
      video: { blob: new Blob(['x'], { type: 'video/webm' }), mimeType: 'video/webm', fileName: 'capture.webm' },
      meta: { providers: ['tencent'], consent },
    });
    expect([...form.keys()]).toEqual(['meta', 'video']);
  });
});

describe('submitCapture', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the upload key as Idempotency-Key', async () => {
    const headers: Array<Record<string, string>> = [];
    class AcceptingXhr {
      status = 202;
      responseText = '{"caseId":"c1","captureToken":"t1"}';
      responseType = '';
      timeout = 0;
      upload = { onprogress: null };
      onload: (() => void) | null = null;
      private sent: Record<string, string> = {};
      open() {}
      setRequestHeader(k: string, v: string) {
        this.sent[k] = v;
      }
      send() {
        headers.push(this.sent);
        queueMicrotask(() => this.onload?.());
      }
    }
    vi.stubGlobal('XMLHttpRequest', AcceptingXhr);
    const input = {
      video: { blob: new Blob(['x'], { type: 'video/webm' }), mimeType: 'video/webm', fileName: 'capture.webm' },
      meta: { providers: ['tencent' as const], consent },
    };
    await expect(submitCapture({ ...input, idempotencyKey: 'key-abcdefgh' })).resolves.toEqual({
      caseId: 'c1',
      captureToken: 't1',
    });
    await submitCapture(input);
    expect(headers[0]?.['Idempotency-Key']).toBe('key-abcdefgh');
    expect(headers[1]).not.toHaveProperty('Idempotency-Key');
  });

  it('makes a new, valid key per upload', () => {
    const keys = [newUploadKey(), newUploadKey()];
    expect(keys[0]).not.toBe(keys[1]);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
  });
});

describe('the upload of a session', () => {
  it('carries the session token as X-Session-Token, beside the idempotency key', () => {
    expect(captureHeaders({ idempotencyKey: 'k1', sessionToken: 'tok_1' })).toEqual({
      'Idempotency-Key': 'k1',
      'X-Session-Token': 'tok_1',
    });
    expect(captureHeaders({})).toEqual({});
  });
});
