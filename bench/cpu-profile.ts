/**
 * Where the proxy's CPU goes: buckets a V8 CPU profile (`.cpuprofile`, from `node --cpu-prof` or the inspector)
 * into the stages of a check. Each sample is charged to the innermost frame on its stack that a stage claims
 * (so `Buffer#toString` called from a vendor's request builder is "encode", `Hmac#digest` from a signer is
 * "sign"); samples no stage claims are the runtime's (GC, event loop, stream and socket plumbing).
 *
 * Run alone: `npx tsx bench/cpu-profile.ts <file.cpuprofile>` prints the shares.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

export const STAGES = [
  'multipart',
  'probe',
  'hash',
  'store',
  'sign',
  'encode',
  'database',
  'audit',
  'vendor http',
  'api http',
  'check runner',
  'garbage collection',
  'runtime, other',
] as const;
export type Stage = (typeof STAGES)[number];

/** First match wins, tried on each frame from the leaf up. `fn` narrows a rule to functions of that name. */
const RULES: Array<{ stage: Stage; url: RegExp; fn?: RegExp }> = [
  { stage: 'garbage collection', url: /^$/, fn: /^\(garbage collector\)$/ },
  { stage: 'audit', url: /\/server\/audit\// },
  { stage: 'hash', url: /\/server\/media\/staging\.ts/, fn: /^(transform|sha256Hex)$/ },
  { stage: 'store', url: /\/server\/media\// },
  { stage: 'probe', url: /\/contract\/media\/|\/server\/captures\/check-media\.ts/ },
  {
    stage: 'multipart',
    url: /@fastify\/busboy|@fastify\/multipart|\/server\/captures\/(read-upload|upload-body|upload-meta)\.ts/,
  },
  { stage: 'sign', url: /\/server\/providers\/[^/]+\/(signer|auth|transport)\.ts|\/adapter-kit\/canonical-request\.ts/ },
  { stage: 'encode', url: /\/server\/providers\/[^/]+\/(request|rpc-request|encoding)\.ts/ },
  { stage: 'database', url: /@electric-sql\/pglite|drizzle-orm|\/node_modules\/pg|\/server\/db\/|repository\.ts/ },
  // Node's http modules serve both sides: the client's (vendor calls, ../server/checks/vendor-fetch.ts) and the server's
  // own are told apart by their own modules; the shared ones (outgoing, common, incoming) go to whichever called them.
  {
    stage: 'vendor http',
    url: /undici|node:internal\/deps\/undici|node:_http_(client|agent)|\/server\/checks\/vendor-fetch\.ts/,
  },
  {
    stage: 'api http',
    url: /\/node_modules\/(fastify|@fastify|light-my-request|find-my-way|avvio|pino)|node:_http_server/,
  },
  { stage: 'check runner', url: /\/server\/checks\/|\/server\/providers\// },
];

function stageOf(frame: { functionName: string; url: string }): Stage | undefined {
  for (const rule of RULES) if (rule.url.test(frame.url) && (!rule.fn || rule.fn.test(frame.functionName))) return rule.stage;
  return undefined;
}

export interface StageShares {
  /** CPU time sampled (idle excluded), ms. */
  busyMs: number;
  /** Share of busyMs per stage, 0–1, in STAGES order. */
  shares: Record<Stage, number>;
}

export function stageShares(profile: CpuProfile): StageShares {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Each node's stage, found once (the walk up is shared by all its samples).
  const stageCache = new Map<number, Stage | 'idle'>();
  const stageOfNode = (id: number): Stage | 'idle' => {
    const cached = stageCache.get(id);
    if (cached) return cached;
    const leaf = byId.get(id)!.callFrame.functionName;
    let stage: Stage | 'idle' = leaf === '(idle)' ? 'idle' : 'runtime, other';
    for (let at: number | undefined = id; stage !== 'idle' && at !== undefined; at = parent.get(at)) {
      const found = stageOf(byId.get(at)!.callFrame);
      if (found) {
        stage = found;
        break;
      }
    }
    stageCache.set(id, stage);
    return stage;
  };
  const micros = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  let busy = 0;
  // timeDeltas[i] is the time before sample i; charge each sample the time until the next one.
  for (let i = 0; i < profile.samples.length; i++) {
    const stage = stageOfNode(profile.samples[i]!);
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (stage === 'idle') continue;
    micros[stage] += dt;
    busy += dt;
  }
  const shares = Object.fromEntries(STAGES.map((s) => [s, busy ? micros[s] / busy : 0])) as Record<Stage, number>;
  return { busyMs: busy / 1000, shares };
}

/** "multipart 12 %, probe 3 %, …" in STAGES order, largest first. */
export function formatShares({ shares }: StageShares): string {
  return STAGES.map((s) => [s, shares[s]] as const)
    .sort((a, b) => b[1] - a[1])
    .map(([s, v]) => `${s} ${(v * 100).toFixed(1)} %`)
    .join(', ');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as CpuProfile;
  const result = stageShares(profile);
  console.log(`${Math.round(result.busyMs)} ms busy: ${formatShares(result)}`);
}
