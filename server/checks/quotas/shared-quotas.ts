/**
 * Vendor quotas for a deployment of several processes on one PostgreSQL (DATABASE_URL): each vendor API's request
 * rate (./shared-rate-gate.ts), each vendor's concurrency cap (./shared-slots.ts) and the providers' health
 * (./deployment-health.ts), all on the database clock. The quotas use a small pool of their own, so a rate slot is
 * never queued behind the store's queries: that wait would be jitter between the slot and the send. Rate-limited
 * requests leave from a thread of their own (../send-thread/), handed their slot ahead of time.
 *
 * The embedded store (PGlite) does without: it is one process, its gates in memory are exact and cost no round trip
 * at the moment of sending, and its single connection would put every slot behind the store's own queries.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { RateGate } from '../rate-gate.js';
import type { GatewayHealth } from '../vendor-gateway.js';
import { MAX_VENDOR_ANSWER_BYTES } from '../../providers/adapter-kit/read-body.js';
import { createSendThread, type SendThread } from '../send-thread/send-thread.js';
import { createDeploymentHealth, type DeploymentHealth } from './deployment-health.js';
import { createSharedRateGate } from './shared-rate-gate.js';
import { createSharedSlots, type SharedSlots } from './shared-slots.js';
import { quotaSqlOf, type QuotaSql } from './sql.js';

export interface VendorQuotas {
  /** This process, as it appears in slot leases and health snapshots. */
  process: string;
  /** The request rate of one vendor API (`api` = origin + path), shared by every process. */
  rateGate(vendor: string, api: string, ratePerSecond: number, windowSlackMs?: number): RateGate;
  /** Where this process's rate-limited vendor requests leave from, each at its slot. */
  sendThread: SendThread;
  /** A vendor's concurrency cap, shared by every process. */
  concurrency(vendor: string, maxConcurrent: number): RateGate;
  /** Publishes `local` (this process's gateways) and combines it with the other processes'. */
  health(local: () => Map<string, GatewayHealth>): DeploymentHealth;
  close(): Promise<void>;
}

export interface SharedQuotaOptions {
  slotLeaseMs?: number;
  /** How long before its slot a request is handed to the send thread: this thread may stall that long for free. */
  sendAheadMs?: number;
  healthIntervalMs?: number;
}

/** The quotas over `sql`; `end` closes what it runs on. */
export function createVendorQuotas(sql: QuotaSql, options: SharedQuotaOptions = {}, end = async () => {}): VendorQuotas {
  const self = `${os.hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  const slots: SharedSlots[] = [];
  const healths: DeploymentHealth[] = [];
  const sendThread = createSendThread({ maxAnswerBytes: MAX_VENDOR_ANSWER_BYTES });
  const grantAheadMs = options.sendAheadMs ?? 150;
  return {
    process: self,
    sendThread,
    rateGate: (vendor, api, ratePerSecond, windowSlackMs) =>
      createSharedRateGate({ sql, key: `${vendor} ${api}`, ratePerSecond, windowSlackMs, grantAheadMs }),
    concurrency(vendor, maxConcurrent) {
      const gate = createSharedSlots({ sql, vendor, maxConcurrent, owner: self, leaseMs: options.slotLeaseMs });
      slots.push(gate);
      return gate;
    },
    health(local) {
      const health = createDeploymentHealth({ sql, process: self, local, intervalMs: options.healthIntervalMs });
      healths.push(health);
      return health;
    },
    async close() {
      for (const gate of slots) gate.close();
      for (const health of healths) await health.stop();
      await sendThread.close();
      await end();
    },
  };
}

/** The quotas of a deployment on the PostgreSQL at `databaseUrl`, on a pool of their own. */
export async function openVendorQuotas(databaseUrl: string, options: SharedQuotaOptions = {}): Promise<VendorQuotas> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', (err) => console.warn(`PostgreSQL connection lost (vendor quotas): ${err.message}`));
  return createVendorQuotas(quotaSqlOf(pool), options, () => pool.end());
}
