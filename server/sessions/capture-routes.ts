/**
 * Public routes of the capture bound to a session (rate-limited as the capture routes are):
 * GET /api/session-capture/:clientToken         200 SessionCaptureConfig, marks the session opened. A session that
 *                                               already took its upload answers 200 with its status (the page says
 *                                               "already sent"); 404 session_not_found; 410 session_expired | session_cancelled
 * GET /api/session-capture/:clientToken/status  200 {status} (does not mark opened; expired/cancelled too); 404 session_not_found
 * GET /api/capture-settings                     200 CaptureSettings
 * GET /s/:clientToken[?embed=1]                 the SPA shell; with embed=1 and a live session, framable by the
 *                                               application's embedding origins only (http/security-headers.ts)
 * With DEMO_CLIPS=off the stock clips under /demo/ answer 404.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  captureSettingsSchema,
  sessionCaptureConfigSchema,
  sessionCaptureParamsSchema,
  sessionCaptureStatusSchema,
  type CaptureSettings,
  type SessionCaptureStatus,
} from '@contract/api';
import type { ApplicationStore } from '../applications/store.js';
import { HttpError } from '../http-error.js';
import { errorAnswers } from '../http/answers.js';
import type { SessionService } from './service.js';

export interface SessionCaptureRouteDeps {
  sessions: SessionService;
  applications: Pick<ApplicationStore, 'find'>;
  settings: CaptureSettings;
  /** The built SPA's directory, when there is one. */
  spaDir?: string;
}

export async function sessionCaptureRoutes(app: FastifyInstance, deps: SessionCaptureRouteDeps): Promise<void> {
  const { sessions } = deps;
  const embedOrigins = async (applicationId: string) => (await deps.applications.find(applicationId))?.embedOrigins ?? [];

  if (!deps.settings.demoClips) {
    app.addHook('onRequest', async (request) => {
      if (request.url.startsWith('/demo/')) throw new HttpError(404, 'not_found', 'Demo clips are off on this server.');
    });
  }

  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['capture'];

  api.get(
    '/api/capture-settings',
    { schema: { tags, summary: 'What the open capture page may offer', response: { 200: captureSettingsSchema } } },
    async () => deps.settings,
  );

  api.get(
    '/api/session-capture/:clientToken',
    {
      schema: {
        tags,
        summary: "A session's capture page: how to capture (marks the session opened)",
        params: sessionCaptureParamsSchema,
        response: {
          200: sessionCaptureConfigSchema,
          ...errorAnswers({ 404: ['session_not_found'], 410: ['session_expired', 'session_cancelled'] }),
        },
      },
    },
    async (request) => sessions.open(request.params.clientToken, embedOrigins),
  );

  api.get(
    '/api/session-capture/:clientToken/status',
    {
      schema: {
        tags,
        summary: "A session's status and how often its link was opened (for the page that handed it to a phone)",
        params: sessionCaptureParamsSchema,
        response: { 200: sessionCaptureStatusSchema, ...errorAnswers({ 404: ['session_not_found'] }) },
      },
    },
    async (request) => {
      const body: SessionCaptureStatus = await sessions.status(request.params.clientToken);
      return body;
    },
  );

  app.get<{ Params: { clientToken: string }; Querystring: { embed?: string } }>('/s/:clientToken', async (request, reply) => {
    if (!deps.spaDir) throw new HttpError(404, 'not_found', 'The capture app is not built on this server.');
    if (request.query.embed === '1') {
      // Only a live session's application's embedding origins may frame it; anything else keeps frame-ancestors 'none'.
      const session = await sessions.byToken(request.params.clientToken).catch(() => undefined);
      const origins = session ? await embedOrigins(session.applicationId) : [];
      if (origins.length > 0) request.frameAncestors = origins;
    }
    return reply.header('cache-control', 'no-store').sendFile('index.html', deps.spaDir);
  });
}
