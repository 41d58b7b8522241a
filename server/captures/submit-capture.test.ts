import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TryAgain } from '../domain-errors.js';
import { createMediaStore, type MediaStore } from '../media/store.js';
import { TEST_CONSENT, sharedFixture } from '../test-support/test-server.js';
import { submitCapture, type CaptureUpload, type SubmitCaptureDeps } from './submit-capture.js';

let root = '';
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function setup(repo: Partial<SubmitCaptureDeps['repo']>) {
  const media = createMediaStore((root = await mkdtemp(path.join(os.tmpdir(), 'submit-capture-'))));
  const deps = {
    repo: {
      create: vi.fn(async () => true),
      replayUpload: vi.fn(async () => undefined),
      mediaOfUpload: vi.fn(async () => []),
      ...repo,
    },
    media,
    runner: { enqueue: vi.fn() },
    integrity: { schedule: vi.fn(() => true) },
    audit: { record: vi.fn(async () => {}), forCase: vi.fn() },
  } satisfies SubmitCaptureDeps;
  return deps;
}

async function uploadOf(media: MediaStore, bytes: Buffer, uploadKey?: string): Promise<CaptureUpload> {
  const staged = await media.stage(Readable.from([bytes]), { maxBytes: 64 * 1024 * 1024 });
  return {
    meta: { providers: [], consent: TEST_CONSENT, telemetry: { ua: 'test' } },
    chosen: [],
    files: new Map([['video', staged]]),
    uploadKey,
    ip: '127.0.0.1',
  };
}

const storedObjects = async () =>
  (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name));
const stagedFiles = () => readdir(path.join(root, '.staging')).catch(() => []);

describe('submitCapture', () => {
  it('stores a new capture with its case, records it, and schedules its screening', async () => {
    const deps = await setup({});
    const submitted = await submitCapture(deps, await uploadOf(deps.media, await readFile(sharedFixture('face_640x480.mp4'))));
    expect(submitted).toMatchObject({ status: 'created', caseId: expect.any(String), captureToken: expect.any(String) });
    expect(deps.repo.create).toHaveBeenCalledWith(
      expect.objectContaining({ id: submitted.caseId, media: [expect.objectContaining({ role: 'video', mime: 'video/mp4' })] }),
    );
    expect(deps.audit.record).toHaveBeenCalledWith(expect.objectContaining({ action: 'case.created', caseId: submitted.caseId }));
    expect(deps.integrity.schedule).toHaveBeenCalledWith(submitted.caseId);
    expect(await storedObjects()).toHaveLength(1);
    expect(await stagedFiles()).toEqual([]);
  });

  it('answers a repeat with the earlier case and a new token, without reading its files', async () => {
    const deps = await setup({ replayUpload: vi.fn(async () => 'case-1') });
    const submitted = await submitCapture(deps, await uploadOf(deps.media, Buffer.from('not even media'), 'key-12345678'));
    expect(submitted).toMatchObject({ status: 'replayed', caseId: 'case-1' });
    expect(deps.repo.create).not.toHaveBeenCalled();
    expect(deps.audit.record).not.toHaveBeenCalled();
    expect(await stagedFiles()).toEqual([]);
  });

  it('after losing a race to a copy that is not stored yet, asks to try again and keeps nothing', async () => {
    const deps = await setup({ create: vi.fn(async () => false) });
    const refusal = submitCapture(
      deps,
      await uploadOf(deps.media, await readFile(sharedFixture('face_640x480.mp4')), 'key-12345678'),
    );
    await expect(refusal).rejects.toBeInstanceOf(TryAgain);
    await expect(refusal).rejects.toMatchObject({ code: 'upload_conflict' });
    expect(await storedObjects()).toEqual([]);
    expect(await stagedFiles()).toEqual([]);
    expect(deps.runner.enqueue).not.toHaveBeenCalled();
  });
});
