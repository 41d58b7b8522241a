/**
 * Readiness (GET /api/health/ready): can this process do its work? The database answers a query, every migration
 * this build ships is applied, and the media store takes a write. Each part is bounded in time, so a hung database
 * makes the probe fail rather than hang; while the process shuts down it is not ready (load balancers drain it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { READINESS_PARTS, type ReadinessChecks } from '@contract/api';
import { MIGRATIONS_FOLDER } from '../db/client.js';
import type { Db } from '../db/database.js';
import type { MediaStore } from '../media/store.js';

export type ReadinessPart = (typeof READINESS_PARTS)[number];

export interface Readiness {
  check(): Promise<{ ready: boolean; checks: ReadinessChecks; failed: ReadinessPart[]; draining: boolean }>;
  /** From now on not ready (graceful shutdown). */
  drain(): void;
}

export interface ReadinessDeps {
  db: Db;
  /** Probed with a tiny staged write that is discarded at once. */
  media: Pick<MediaStore, 'stage' | 'discard'>;
  /** Per part; default 2 s. */
  timeoutMs?: number;
  /** The newest migration this build ships (drizzle's journal `when`); read from the journal by default. */
  latestMigration?: number;
}

function latestShippedMigration(): number {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ when: number }>;
  };
  return Math.max(...journal.entries.map((e) => e.when));
}

const rowsOf = (result: unknown): Array<Record<string, unknown>> =>
  Array.isArray(result) ? result : ((result as { rows?: Array<Record<string, unknown>> }).rows ?? []);

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createReadiness(deps: ReadinessDeps): Readiness {
  const timeoutMs = deps.timeoutMs ?? 2000;
  const latest = deps.latestMigration ?? latestShippedMigration();
  let draining = false;

  const parts: Record<ReadinessPart, () => Promise<void>> = {
    async database() {
      await deps.db.execute(sql`select 1`);
    },
    async migrations() {
      // drizzle's migrator records each applied migration with its journal `when` as created_at.
      const rows = rowsOf(await deps.db.execute(sql`select max(created_at) as latest from drizzle.__drizzle_migrations`));
      const applied = Number(rows[0]?.latest ?? 0);
      if (!(applied >= latest)) throw new Error('a migration this build ships is not applied');
    },
    async media() {
      const staged = await deps.media.stage(Readable.from([Buffer.from('ready')]), { maxBytes: 64 });
      await deps.media.discard(staged);
    },
  };

  return {
    async check() {
      const results = await Promise.all(
        READINESS_PARTS.map(async (part) => {
          try {
            await within(timeoutMs, parts[part]());
            return [part, 'ok'] as const;
          } catch {
            return [part, 'failed'] as const;
          }
        }),
      );
      const checks = Object.fromEntries(results) as ReadinessChecks;
      const failed = results.filter(([, state]) => state === 'failed').map(([part]) => part);
      return { ready: failed.length === 0 && !draining, checks, failed, draining };
    },
    drain() {
      draining = true;
    },
  };
}
