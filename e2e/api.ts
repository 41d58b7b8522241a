import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type APIRequestContext } from '@playwright/test';
import type { CaseListResponse, SessionResponse } from '@contract/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The first administrator the e2e server creates at start (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const E2E_ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password-1' } as const;
/** Session cookie of that admin, written by global setup and used by every spec (see the config). */
export const ADMIN_STORAGE_STATE = path.join(root, '.cache', 'e2e-auth', 'admin.json');
/** For specs that must start signed out. */
export const SIGNED_OUT = { cookies: [], origins: [] };

export async function caseIds(request: APIRequestContext): Promise<string[]> {
  const res = await request.get('/api/cases?limit=100');
  expect(res.ok()).toBe(true);
  return ((await res.json()) as CaseListResponse).cases.map((c) => c.id);
}

/** `x-csrf-token` for state-changing reviewer calls made from a spec's `request`. */
export async function csrfHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  const res = await request.get('/api/auth/me');
  expect(res.ok()).toBe(true);
  return { 'x-csrf-token': ((await res.json()) as SessionResponse).csrfToken };
}

const clip = () => readFileSync(path.join(root, 'contract/media/fixtures/mediarecorder_h264_640x480.mp4'));

/** The multipart body of a capture of the fixture clip for `providers`. */
export function fixtureCaptureMultipart(providers: string[]) {
  const meta = {
    providers,
    consent: { version: 'e2e', acceptedAt: new Date().toISOString(), locale: 'en' },
    telemetry: {
      frameSize: { width: 640, height: 480 },
      faceBoxes: [0, 200, 400, 600, 800, 1000].map((t) => ({ t, x: 220, y: 120, w: 200, h: 220, score: 0.95 })),
      hints: [{ t: 0, hint: 'ready' }],
      recorderMimeType: 'video/mp4;codecs=avc1',
      userAgent: 'e2e',
    },
  };
  return { meta: JSON.stringify(meta), video: { name: 'clip.mp4', mimeType: 'video/mp4', buffer: clip() } };
}

/** Posts the fixture clip as a capture for `providers`; returns the new case id. */
export async function postFixtureCapture(request: APIRequestContext, providers: string[]): Promise<string> {
  const res = await request.post('/api/captures', { multipart: fixtureCaptureMultipart(providers) });
  expect(res.status(), await res.text()).toBe(202);
  return ((await res.json()) as { caseId: string }).caseId;
}

const faceClip = () => readFileSync(path.join(root, '..', 'shared', 'fixtures', 'face_640x480.mp4'));

/**
 * Posts the face clip for the on-box screening (`local`) and Tencent; returns the new case id. `cameraLabel` goes in
 * the telemetry as the capture's camera: a virtual camera's ('OBS Virtual Camera') makes the screening suspect a fake.
 */
export async function postScreenedCapture(request: APIRequestContext, cameraLabel?: string): Promise<string> {
  const res = await request.post('/api/captures', {
    multipart: {
      meta: JSON.stringify({
        providers: ['local', 'tencent'],
        consent: { version: 'e2e', acceptedAt: new Date().toISOString(), locale: 'en' },
        ...(cameraLabel === undefined ? {} : { telemetry: { cameraLabel } }),
      }),
      video: { name: 'clip.mp4', mimeType: 'video/mp4', buffer: faceClip() },
    },
  });
  expect(res.status()).toBe(202);
  return ((await res.json()) as { caseId: string }).caseId;
}
