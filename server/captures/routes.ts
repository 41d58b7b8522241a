/** Public capture endpoints used by the end user's browser. */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { CaptureAccepted, CaptureStatus } from '../api-types.js';
import type { CaseRepository } from '../cases/repository.js';
import type { CheckRunner } from '../checks/runner.js';
import { HttpError } from '../http-error.js';
import type { MediaStore } from '../media/store.js';
import type { Provider } from '../providers/types.js';
import { assertFitsProviders, probeImage, probeVideo } from './check-media.js';
import { readUpload } from './read-upload.js';

export interface CaptureRouteDeps {
  repo: CaseRepository;
  media: MediaStore;
  runner: CheckRunner;
  providers: Map<string, Provider>;
  maxUploadBytes: number;
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function captureRoutes(app: FastifyInstance, deps: CaptureRouteDeps): Promise<void> {
  app.post('/api/captures', async (request, reply) => {
    const upload = await readUpload(request, deps.maxUploadBytes);
    const chosen = [...new Set(upload.meta.providers)].map((id) => {
      const provider = deps.providers.get(id);
      if (!provider) throw new HttpError(400, 'unknown_provider', `Provider "${id}" is not enabled on this server.`);
      return provider;
    });
    // Everything is checked before anything is stored.
    const videoProbe = probeVideo(upload.video);
    const imageProbe = upload.image ? probeImage(upload.image) : undefined;
    assertFitsProviders(
      {
        video: { probe: videoProbe, bytes: upload.video.length },
        image: imageProbe && upload.image ? { probe: imageProbe, bytes: upload.image.length } : undefined,
      },
      chosen,
    );

    const stored: Array<{ sha256: string; created: boolean }> = [];
    const caseId = randomUUID();
    const checks = chosen.map((p) => ({ id: randomUUID(), providerId: p.id, mode: p.mode, idempotencyKey: randomUUID() }));
    const captureToken = randomBytes(32).toString('base64url');
    try {
      const video = await deps.media.put(upload.video);
      stored.push(video);
      const image = upload.image ? await deps.media.put(upload.image) : undefined;
      if (image) stored.push(image);
      await deps.repo.create({
        id: caseId,
        captureTokenHash: hashToken(captureToken),
        telemetry: upload.meta.telemetry ?? {},
        media: [
          { role: 'video', sha256: video.sha256, mime: videoProbe.mime, byteLength: upload.video.length, probe: videoProbe },
          ...(image && imageProbe && upload.image
            ? [{ role: 'image' as const, sha256: image.sha256, mime: imageProbe.mime, byteLength: upload.image.length, probe: imageProbe }]
            : []),
        ],
        checks,
      });
    } catch (err) {
      // Leave nothing behind: only files this request created are removed (others may share them).
      await Promise.all(stored.filter((s) => s.created).map((s) => deps.media.remove(s.sha256)));
      throw err;
    }
    checks.forEach((c) => deps.runner.enqueue(c.id));
    const body: CaptureAccepted = { caseId, captureToken };
    return reply.code(202).send(body);
  });

  app.get<{ Params: { id: string } }>('/api/captures/:id', async (request) => {
    const token = request.headers['x-capture-token'];
    const row = await deps.repo.captureStatus(request.params.id);
    // Same answer for "no such case" and "wrong token": the id alone reveals nothing.
    const notFound = new HttpError(404, 'not_found', 'No capture with this id for this token.');
    if (!row || typeof token !== 'string') throw notFound;
    const given = Buffer.from(hashToken(token), 'hex');
    const expected = Buffer.from(row.tokenHash, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw notFound;
    const body: CaptureStatus = { status: row.status as CaptureStatus['status'] };
    if (row.status === 'retake' && row.retakeReason) body.reason = row.retakeReason as CaptureStatus['reason'];
    return body;
  });
}
