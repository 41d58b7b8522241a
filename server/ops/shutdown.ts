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

interface ClosableHttp {
  close(): Promise<unknown>;
  server: { closeIdleConnections(): void };
}

/**
 * `app.close()`, and keeps closing keep-alive connections that turn idle while it waits. Node closes the idle
 * ones once, when closing starts; a response that was finishing at that moment leaves its connection open for the
 * whole keep-alive time (fastify: 72 s), which held up shutdown. Requests under way (an upload) still finish.
 */
export async function closeHttp(app: ClosableHttp, sweepMs = 100): Promise<void> {
  const sweep = setInterval(() => app.server.closeIdleConnections(), sweepMs);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
  }
}
