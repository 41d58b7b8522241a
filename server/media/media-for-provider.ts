/**
 * Which file each vendor is sent, and whether it meets that vendor's limits: decided here only,
 * for an upload (every chosen vendor, before anything is stored), a reviewer's re-run (one
 * vendor, on the stored files) and the check runner (the file it sends).
 */
import { checkFit, type FitRule } from '@contract/media/fit-check.js';
import type { ProbeResult } from '@contract/media/types.js';
import { MediaOutOfLimits } from '../domain-errors.js';
import type { Provider } from '../providers/types.js';

/** A file as the fit check reads it: its role (`video`, `image.<providerId>`…), probe and size. */
export interface FittableMedia {
  role: string;
  probe: ProbeResult;
  byteLength: number;
}

/** One limit a vendor's file misses (rule `kind`: the vendor has no file at all). */
export interface FitProblem {
  provider: string;
  file?: string;
  rule: FitRule;
  /** Starts with the vendor's name. */
  message: string;
  actual?: number | string;
  limit?: string;
}

/**
 * The file a provider is sent: its preferred kind first, then the other kind it takes; of each,
 * its own fitted variant (`video.<id>`) before the shared file (`video`).
 */
export function mediaForProvider<M extends { role: string }>(
  provider: Pick<Provider, 'id' | 'limits'>,
  media: readonly M[],
): M | undefined {
  const kinds = provider.limits.preferred === 'image' ? (['image', 'video'] as const) : (['video', 'image'] as const);
  for (const kind of kinds) {
    if (!provider.limits[kind]) continue;
    const file = media.find((m) => m.role === `${kind}.${provider.id}`) ?? media.find((m) => m.role === kind);
    if (file) return file;
  }
  return undefined;
}

/** Every limit each provider's file misses; empty when every provider can take its file. */
function fitProblems(
  providers: ReadonlyArray<Pick<Provider, 'id' | 'displayName' | 'limits'>>,
  media: readonly FittableMedia[],
): FitProblem[] {
  const problems: FitProblem[] = [];
  for (const p of providers) {
    const file = mediaForProvider(p, media);
    if (!file) {
      problems.push({ provider: p.id, rule: 'kind', message: `${p.displayName} needs a ${p.limits.preferred}.` });
      continue;
    }
    const fit = checkFit(file.probe, file.byteLength, p.limits);
    if (fit.ok) continue;
    for (const v of fit.violations)
      problems.push({ provider: p.id, file: file.role, ...v, message: `${p.displayName}: ${v.message}` });
  }
  return problems;
}

/** Throws MediaOutOfLimits (`media_out_of_limits`, the problems as details) unless every provider can take its file. */
export function assertMediaFits(
  providers: ReadonlyArray<Pick<Provider, 'id' | 'displayName' | 'limits'>>,
  media: readonly FittableMedia[],
): void {
  const problems = fitProblems(providers, media);
  if (problems.length > 0) throw new MediaOutOfLimits(problems.map((p) => p.message).join(' '), { problems });
}
