/**
 * Applications and their API keys (admin), and the API-key check of every /api/v1 call. Every
 * change is audited; a key appears only in the answer that creates it, and never in the audit.
 */
import { randomUUID } from 'node:crypto';
import type {
  ApiKeyView,
  ApplicationView,
  AuditActor,
  CreateApplicationRequest,
  CreateKeyResponse,
  UpdateApplicationRequest,
} from '@contract/api';
import type { AuditLog } from '../audit/log.js';
import { InvalidInput, NotFound } from '../domain-errors.js';
import type { ProviderId } from '../providers/types.js';
import { hashApiKey, newApiKey } from './api-keys.js';
import type { ApiKeyRow, ApplicationRow, ApplicationStore, WebhookEndpointRow } from './store.js';

export interface ApplicationServiceDeps {
  store: ApplicationStore;
  audit: AuditLog;
  /** Providers this server runs. */
  enabledProviders: ReadonlySet<string>;
  now?: () => Date;
}

/** last_used_at is written at most this often per key (every call would be a write otherwise). */
export const LAST_USED_RESOLUTION_MS = 60_000;
const DEFAULT_OVERLAP_MINUTES = 1440;

const iso = (d: Date | null) => d?.toISOString();

function keyView(k: ApiKeyRow): ApiKeyView {
  return {
    id: k.id,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    ...(k.lastUsedAt ? { lastUsedAt: iso(k.lastUsedAt) } : {}),
    ...(k.expiresAt ? { expiresAt: iso(k.expiresAt) } : {}),
    ...(k.revokedAt ? { revokedAt: iso(k.revokedAt) } : {}),
  };
}

export function applicationView(a: ApplicationRow, keys: ApiKeyRow[], webhooks: WebhookEndpointRow[]): ApplicationView {
  return {
    id: a.id,
    name: a.name,
    allowedProviders: a.allowedProviders,
    defaultProviders: a.defaultProviders,
    returnUrlOrigins: a.returnUrlOrigins,
    embedOrigins: a.embedOrigins,
    disabled: a.disabledAt !== null,
    createdAt: a.createdAt.toISOString(),
    keys: keys.map(keyView),
    webhooks: webhooks.map((w) => ({
      id: w.id,
      url: w.url,
      ...(w.events ? { events: w.events } : {}),
      enabled: w.enabled,
      createdAt: w.createdAt.toISOString(),
    })),
  };
}

export function createApplicationService(deps: ApplicationServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const { store, audit } = deps;

  /** defaultProviders ⊆ allowedProviders ⊆ the providers this server runs. */
  function checkProviders(allowed: readonly string[], defaults: readonly string[]): void {
    const off = allowed.filter((p) => !deps.enabledProviders.has(p));
    if (off.length > 0) throw new InvalidInput('provider_not_enabled', `Not enabled on this server: ${off.join(', ')}.`);
    const outside = defaults.filter((p) => !allowed.includes(p));
    if (outside.length > 0)
      throw new InvalidInput('default_provider_not_allowed', `Default providers not in allowedProviders: ${outside.join(', ')}.`);
  }

  /** Origins go into CSP headers verbatim: only a URL's exact origin form is taken. */
  function checkOrigins(origins: readonly string[] | undefined): void {
    for (const o of origins ?? []) {
      let exact = false;
      try {
        exact = new URL(o).origin === o;
      } catch {
        // not a URL
      }
      if (!exact)
        throw new InvalidInput('invalid_origin', `"${o}" is not an origin (scheme://host[:port], lower case, no path).`);
    }
  }

  async function viewOf(a: ApplicationRow): Promise<ApplicationView> {
    return applicationView(a, await store.keysOf([a.id]), await store.webhooksOf([a.id]));
  }

  async function mustFind(id: string): Promise<ApplicationRow> {
    const a = await store.find(id);
    if (!a) throw new NotFound('not_found', 'No such application.');
    return a;
  }

  return {
    async list(): Promise<ApplicationView[]> {
      const apps = await store.list();
      const ids = apps.map((a) => a.id);
      const [keys, hooks] = await Promise.all([store.keysOf(ids), store.webhooksOf(ids)]);
      return apps.map((a) =>
        applicationView(
          a,
          keys.filter((k) => k.applicationId === a.id),
          hooks.filter((w) => w.applicationId === a.id),
        ),
      );
    },

    get: async (id: string) => viewOf(await mustFind(id)),

    async create(actor: AuditActor, body: Required<CreateApplicationRequest>): Promise<ApplicationView> {
      checkProviders(body.allowedProviders, body.defaultProviders);
      checkOrigins(body.returnUrlOrigins);
      checkOrigins(body.embedOrigins);
      const at = now();
      const a = await store.insert({
        id: `app_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
        name: body.name,
        allowedProviders: [...new Set(body.allowedProviders)] as ProviderId[],
        defaultProviders: [...new Set(body.defaultProviders)] as ProviderId[],
        returnUrlOrigins: body.returnUrlOrigins,
        embedOrigins: body.embedOrigins,
        createdAt: at,
        updatedAt: at,
      });
      await audit.record({ actor, action: 'application.created', detail: { applicationId: a.id, ...body } });
      return viewOf(a);
    },

    async update(actor: AuditActor, id: string, patch: UpdateApplicationRequest): Promise<ApplicationView> {
      const a = await mustFind(id);
      checkProviders(patch.allowedProviders ?? a.allowedProviders, patch.defaultProviders ?? a.defaultProviders);
      checkOrigins(patch.returnUrlOrigins);
      checkOrigins(patch.embedOrigins);
      const { disabled, allowedProviders, defaultProviders, ...fields } = patch;
      const at = now();
      const updated = await store.update(id, {
        ...fields,
        ...(allowedProviders ? { allowedProviders: [...new Set(allowedProviders)] as ProviderId[] } : {}),
        ...(defaultProviders ? { defaultProviders: [...new Set(defaultProviders)] as ProviderId[] } : {}),
        ...(disabled === undefined ? {} : { disabledAt: disabled ? (a.disabledAt ?? at) : null }),
        updatedAt: at,
      });
      await audit.record({ actor, action: 'application.updated', detail: { applicationId: id, ...patch } });
      return viewOf(updated!);
    },

    /** A new key; with `rotateFrom`, that key stops working after the overlap (default 24 h). */
    async createKey(
      actor: AuditActor,
      applicationId: string,
      opts: { rotateFrom?: string; overlapMinutes?: number },
    ): Promise<CreateKeyResponse> {
      await mustFind(applicationId);
      const at = now();
      if (opts.rotateFrom !== undefined) {
        const overlap = opts.overlapMinutes ?? DEFAULT_OVERLAP_MINUTES;
        const ended = await store.endKey(applicationId, opts.rotateFrom, {
          expiresAt: new Date(at.getTime() + overlap * 60_000),
        });
        if (!ended) throw new NotFound('key_not_found', 'No such active key to rotate from.');
      }
      const { key, prefix, keyHash } = newApiKey();
      const id = randomUUID();
      await store.insertKey({ id, applicationId, prefix, keyHash, createdAt: at });
      await audit.record({
        actor,
        action: 'api_key.created',
        detail: {
          applicationId,
          keyId: id,
          prefix,
          ...(opts.rotateFrom
            ? { rotateFrom: opts.rotateFrom, overlapMinutes: opts.overlapMinutes ?? DEFAULT_OVERLAP_MINUTES }
            : {}),
        },
      });
      return { id, key, prefix };
    },

    async revokeKey(actor: AuditActor, applicationId: string, keyId: string): Promise<void> {
      const ended = await store.endKey(applicationId, keyId, { revokedAt: now() });
      if (!ended) throw new NotFound('key_not_found', 'No such active key.');
      await audit.record({ actor, action: 'api_key.revoked', detail: { applicationId, keyId, prefix: ended.prefix } });
    },

    /** The enabled application a live key belongs to; undefined for an unknown, revoked or expired key. */
    async authenticate(key: string): Promise<ApplicationRow | undefined> {
      const found = await store.keyByHash(hashApiKey(key));
      const at = now();
      if (!found || found.key.revokedAt || (found.key.expiresAt && found.key.expiresAt <= at)) return undefined;
      if (found.application.disabledAt) return undefined;
      await store.touchKey(found.key.id, at, LAST_USED_RESOLUTION_MS);
      return found.application;
    },
  };
}

export type ApplicationService = ReturnType<typeof createApplicationService>;
