/**
 * The providers' health across the deployment. Circuit breakers and queues are per process; each process writes a
 * snapshot of its gateways every few seconds (provider_health_snapshots) and GET /api/providers combines its own live
 * health with the other processes' fresh snapshots. A process that died stops writing, and its snapshot is ignored
 * once it is `staleMs` old (and deleted later by whoever writes next).
 */
import type { GatewayHealth } from '../vendor-gateway.js';
import type { QuotaSql } from './sql.js';

export interface DeploymentHealthOptions {
  sql: QuotaSql;
  /** This process. */
  process: string;
  /** This process's live health by provider id. */
  local(): Map<string, GatewayHealth>;
  intervalMs?: number;
  /** Older snapshots are a dead (or stuck) process's: left out. Default three intervals. */
  staleMs?: number;
}

export interface DeploymentHealth {
  /** Writes this process's snapshot now, then every interval. */
  start(): Promise<void>;
  /** Stops writing and removes this process's snapshot (it no longer runs checks). */
  stop(): Promise<void>;
  /** Each provider's health over the deployment: this process live, the others as last written. */
  combined(): Promise<Map<string, CombinedHealth>>;
}

export interface CombinedHealth extends GatewayHealth {
  /** Processes reporting (this one included). */
  processes: number;
}

const WRITE = `
INSERT INTO provider_health_snapshots (process, provider, health, updated_at)
SELECT $1, p.provider, p.health, clock_timestamp() FROM jsonb_each($2::jsonb) AS p(provider, health)
ON CONFLICT (process, provider) DO UPDATE SET health = excluded.health, updated_at = excluded.updated_at`;

const SWEEP = `DELETE FROM provider_health_snapshots WHERE updated_at < clock_timestamp() - interval '10 minutes'`;

const READ = `
SELECT provider, health FROM provider_health_snapshots
WHERE process <> $1 AND updated_at > clock_timestamp() - make_interval(secs => $2::float8 / 1000)`;

const CIRCUIT_SEVERITY = { closed: 0, half_open: 1, open: 2 } as const;

/** One view of several processes' gateways: counts add up, the worst circuit shows, the soonest retry. */
export function combineHealth(all: GatewayHealth[]): CombinedHealth {
  const worst = all.reduce((a, b) => (CIRCUIT_SEVERITY[b.state] > CIRCUIT_SEVERITY[a.state] ? b : a));
  const retries = all.filter((h) => h.state === 'open' && h.retryAt !== undefined).map((h) => h.retryAt!);
  const sum = (pick: (h: GatewayHealth) => number) => all.reduce((n, h) => n + pick(h), 0);
  return {
    state: worst.state,
    consecutiveFailures: Math.max(...all.map((h) => h.consecutiveFailures)),
    retryAt: retries.length > 0 ? Math.min(...retries) : undefined,
    inFlight: sum((h) => h.inFlight),
    queued: sum((h) => h.queued),
    waitingOnCircuit: sum((h) => h.waitingOnCircuit),
    processes: all.length,
  };
}

export function createDeploymentHealth(options: DeploymentHealthOptions): DeploymentHealth {
  const intervalMs = options.intervalMs ?? 2_000;
  const staleMs = options.staleMs ?? 3 * intervalMs;
  let timer: NodeJS.Timeout | undefined;

  async function write(): Promise<void> {
    await options.sql(WRITE, [options.process, JSON.stringify(Object.fromEntries(options.local()))]);
    await options.sql(SWEEP, []);
  }

  return {
    async start() {
      await write();
      timer = setInterval(() => void write().catch(() => {}), intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await options.sql(`DELETE FROM provider_health_snapshots WHERE process = $1`, [options.process]).catch(() => {});
    },
    async combined() {
      const local = options.local();
      const others = new Map<string, GatewayHealth[]>();
      // Without the database the deployment is unknown: this process's own view is still true.
      const rows = await options.sql(READ, [options.process, staleMs]).catch(() => []);
      for (const row of rows) {
        const provider = String(row.provider);
        if (!local.has(provider)) continue;
        others.set(provider, [...(others.get(provider) ?? []), row.health as GatewayHealth]);
      }
      return new Map([...local].map(([id, own]) => [id, combineHealth([own, ...(others.get(id) ?? [])])]));
    },
  };
}
