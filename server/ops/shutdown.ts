/** Graceful shutdown's helper: wait for a step, but never past the bound. */

/** Resolves true when `work` settled within `ms` (rejected counts as settled: the step is over), else false. */
export async function settleWithin(ms: number, work: Promise<unknown> | undefined): Promise<boolean> {
  if (!work) return true;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
