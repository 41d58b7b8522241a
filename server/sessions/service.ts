/**
 * The integrator's sessions (/api/v1) and the capture page's view of one (by client token):
 * create (idempotent), read, list, cancel, open, and the expiry sweep. Decides; store.ts stores.
 */
import { createHash } from 'node:crypto';
import {
  SESSION_DEFAULT_EXPIRY_MINUTES,
  SESSION_METADATA_MAX_BYTES,
  type CreateSessionRequest,
  type CreateSessionResponse,
  type SessionCaptureConfig,
  type SessionListResponse,
  type SessionCaptureStatus,
  type SessionView,
} from '@contract/api';
import { hashToken } from '../captures/capture-token.js';
import { assertStorableJson } from '../captures/upload-meta.js';
import type { applications } from '../db/schema.js';
import { Conflict, InvalidInput, NotFound } from '../domain-errors.js';
import { clientTokenFor, newSessionId } from './client-token.js';
import { effectiveStatus } from './state.js';
import { refusal, type SessionStore } from './store.js';
import { sessionView, type SessionRow } from './view.js';
import { decodeCursor, encodeCursor } from '../db/keyset-cursor.js';

export type ApplicationRow = typeof applications.$inferSelect;

export interface SessionServiceDeps {
  store: SessionStore;
  tokenSecret: Buffer;
  /** Providers this server runs. */
  enabledProviders: ReadonlySet<string>;
  now?: () => Date;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with sorted keys: the same body in another key order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

const cursorOf = (row: SessionRow) => encodeCursor({ t: row.createdAt.toISOString(), id: row.id });
function afterCursor(text: string): { t: Date; id: string } {
  const c = decodeCursor(text);
  return { t: new Date(c.t), id: c.id };
}

export function createSessionService(deps: SessionServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const { store } = deps;

  function checkRequest(app: ApplicationRow, body: CreateSessionRequest): void {
    for (const p of body.providers ?? []) {
      if (!app.allowedProviders.includes(p as never) || !deps.enabledProviders.has(p))
        throw new InvalidInput('provider_not_allowed', `Provider "${p}" is not allowed for this application.`);
    }
    if (body.returnUrl !== undefined && !app.returnUrlOrigins.includes(new URL(body.returnUrl).origin))
      throw new InvalidInput('return_url_not_allowed', "returnUrl is not on one of the application's return-URL origins.");
    if (body.metadata !== undefined) {
      if (Buffer.byteLength(JSON.stringify(body.metadata)) > SESSION_METADATA_MAX_BYTES)
        throw new InvalidInput('metadata_too_large', `metadata is larger than ${SESSION_METADATA_MAX_BYTES} bytes as JSON.`);
      try {
        assertStorableJson(body.metadata);
      } catch (err) {
        throw new InvalidInput('invalid_request', `metadata ${(err as Error).message.replace(/^Field "meta" /, '')}`);
      }
    }
  }

  const answer = (row: SessionRow, baseUrl: string): CreateSessionResponse => {
    const clientToken = clientTokenFor(deps.tokenSecret, row.id);
    return { id: row.id, url: `${baseUrl}/s/${clientToken}`, clientToken, expiresAt: row.expiresAt.toISOString() };
  };

  async function view(row: SessionRow): Promise<SessionView> {
    return sessionView(await store.parts(row), now());
  }

  return {
    /** `created` false: the answer of the earlier request with the same Idempotency-Key. */
    async create(
      app: ApplicationRow,
      body: CreateSessionRequest,
      opts: { idempotencyKey?: string; baseUrl: string },
    ): Promise<{ created: boolean; body: CreateSessionResponse }> {
      checkRequest(app, body);
      const at = now();
      const id = newSessionId();
      const requestHash = sha256(canonical(body));
      const { row, created } = await store.insert({
        id,
        applicationId: app.id,
        reference: body.reference,
        status: 'created',
        clientTokenHash: hashToken(clientTokenFor(deps.tokenSecret, id)),
        providers: body.providers ? ([...new Set(body.providers)] as ApplicationRow['defaultProviders']) : app.defaultProviders,
        locale: body.locale ?? null,
        returnUrl: body.returnUrl ?? null,
        metadata: body.metadata ?? null,
        idempotencyKeyHash: opts.idempotencyKey ? sha256(`${app.id}:${opts.idempotencyKey}`) : null,
        requestHash,
        createdAt: at,
        expiresAt: new Date(at.getTime() + (body.expiresInMinutes ?? SESSION_DEFAULT_EXPIRY_MINUTES) * 60_000),
      });
      if (!created && row.requestHash !== requestHash) {
        throw new Conflict('idempotency_conflict', 'This Idempotency-Key was used with a different request body.');
      }
      return { created, body: answer(row, opts.baseUrl) };
    },

    async get(app: ApplicationRow, id: string): Promise<SessionView> {
      const row = await store.find(app.id, id);
      if (!row) throw new NotFound('not_found', 'No such session.');
      return view(row);
    },

    async list(app: ApplicationRow, q: { reference?: string; cursor?: string; limit: number }): Promise<SessionListResponse> {
      const rows = await store.list(app.id, {
        reference: q.reference,
        after: q.cursor ? afterCursor(q.cursor) : undefined,
        limit: q.limit,
      });
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      return {
        sessions: await Promise.all(page.map(view)),
        ...(rows.length > q.limit && last ? { nextCursor: cursorOf(last) } : {}),
      };
    },

    /** Cancelling a cancelled session answers it again; a used one is 409, an expired one 410. */
    async cancel(app: ApplicationRow, id: string): Promise<SessionView> {
      const at = now();
      const existing = await store.find(app.id, id);
      if (!existing) throw new NotFound('not_found', 'No such session.');
      const row = existing.status === 'cancelled' ? existing : await store.change(id, 'cancel', at, { cancelledAt: at });
      if (!row) throw refusal((await store.find(app.id, id)) ?? existing, at);
      return view(row);
    },

    /** The live session a client token names, for the capture page and uploads; 404/410 otherwise. */
    async byToken(clientToken: string): Promise<SessionRow> {
      const row = await store.findByTokenHash(hashToken(clientToken));
      if (!row) throw new NotFound('session_not_found', 'No capture session has this link.');
      const status = effectiveStatus(row.status, row.expiresAt, now());
      if (status === 'expired' || status === 'cancelled') throw refusal(row, now());
      return row;
    },

    /**
     * GET /api/session-capture/:clientToken: how to capture, and the session marked opened. A
     * session that already took its upload answers too (its status says so: the page shows
     * "already sent" instead of a camera).
     */
    async open(clientToken: string, embedOrigins: (applicationId: string) => Promise<string[]>): Promise<SessionCaptureConfig> {
      const found = await this.byToken(clientToken);
      const at = now();
      const row = (await store.change(found.id, 'open', at, { openedAt: found.openedAt ?? at })) ?? found;
      await store.countOpen(found.id);
      return {
        sessionId: row.id,
        status: (await view(row)).status,
        providers: row.providers,
        ...(row.locale ? { locale: row.locale } : {}),
        ...(row.returnUrl ? { returnUrl: row.returnUrl } : {}),
        embedOrigins: await embedOrigins(row.applicationId),
        expiresAt: row.expiresAt.toISOString(),
      };
    },

    /** The status only (polled by a desktop page that handed the capture to a phone); expired and cancelled too. */
    async status(clientToken: string): Promise<SessionCaptureStatus> {
      const row = await store.findByTokenHash(hashToken(clientToken));
      if (!row) throw new NotFound('session_not_found', 'No capture session has this link.');
      return { status: (await view(row)).status, opens: row.opens };
    },

    /**
     * The session an upload with this token goes to. A used session is refused at once (409)
     * unless the upload carries an Idempotency-Key: it may be the retry of the upload that used it.
     */
    async forUpload(clientToken: string, hasIdempotencyKey: boolean): Promise<SessionRow> {
      const row = await this.byToken(clientToken);
      if (!['created', 'opened'].includes(row.status) && !hasIdempotencyKey) throw refusal(row, now());
      return row;
    },

    /** Marks unused sessions past their expiry `expired` (each with its session.expired event). */
    async expireDue(limit = 500): Promise<number> {
      const at = now();
      let expired = 0;
      for (const id of await store.dueForExpiry(at, limit)) {
        if (await store.change(id, 'expire', at, {}, 'session.expired')) expired++;
      }
      return expired;
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
