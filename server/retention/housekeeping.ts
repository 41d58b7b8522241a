/**
 * The periodic housekeeping: the retention purge, expired reviewer sessions, stale login-throttle
 * rows and capture-session expiry run once per deployment per interval (server/db/scheduled-job.ts),
 * in whichever process gets there first; removing what an interrupted upload left in this process's
 * own media directory runs in every process.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.js';
import { newLeaseOwner } from '../db/leases.js';
import { runOncePerDeployment } from '../db/scheduled-job.js';
import { LEFTOVER_GRACE_MS, type MediaStore } from '../media/store.js';
import type { Retention } from './purge.js';

export interface HousekeepingDeps {
  db: Db;
  retention: Pick<Retention, 'purgeDue'>;
  deleteExpiredSessions(): Promise<unknown>;
  deleteStaleLoginThrottles(): Promise<unknown>;
  expireCaptureSessions(): Promise<number>;
  media: Pick<MediaStore, 'removeLeftovers'>;
  log: Pick<FastifyBaseLogger, 'info' | 'error'>;
  intervalMs: number;
  /** This process's name in the job's lease (tests give two "processes" their own). */
  owner?: string;
}

export interface Housekeeping {
  /** One round; true when the deployment-wide part ran in this process. */
  runOnce(): Promise<boolean>;
  start(): void;
  stop(): void;
}

/** A run longer than this (or a dead process's) lets another process start one. */
const JOB_LEASE_MS = 15 * 60_000;

export function createHousekeeping(deps: HousekeepingDeps): Housekeeping {
  const owner = deps.owner ?? newLeaseOwner();
  // 0.9: each process's timer has its own phase; the first one due after ~an interval runs it.
  const job = { name: 'housekeeping', minGapMs: deps.intervalMs * 0.9, leaseMs: JOB_LEASE_MS };
  let timer: NodeJS.Timeout | undefined;

  async function deploymentWide(): Promise<void> {
    const purged = await deps.retention.purgeDue(new Date());
    if (purged > 0) deps.log.info({ purged }, 'retention purge removed case media');
    await deps.deleteExpiredSessions();
    await deps.deleteStaleLoginThrottles();
    const expired = await deps.expireCaptureSessions();
    if (expired > 0) deps.log.info({ expired }, 'capture sessions expired');
  }

  async function runOnce(): Promise<boolean> {
    try {
      const ran = await runOncePerDeployment(deps.db, job, owner, deploymentWide);
      // Says which process ran it, so a deployment's log shows it ran once per interval, not once per process.
      if (ran) deps.log.info({ job: job.name }, 'deployment housekeeping ran in this process');
      await deps.media.removeLeftovers(new Date(Date.now() - LEFTOVER_GRACE_MS));
      return ran;
    } catch (err) {
      deps.log.error({ err }, 'retention purge failed; it runs again at the next interval');
      return false;
    }
  }

  return {
    runOnce,
    start() {
      if (deps.intervalMs <= 0) return;
      timer = setInterval(() => void runOnce(), deps.intervalMs);
      timer.unref();
    },
    stop: () => clearInterval(timer),
  };
}
