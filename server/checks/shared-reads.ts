/**
 * One read of a stored file for all the checks that run on it at once. A capture sent to five vendors has five
 * checks in flight together; each reading the clip itself held five copies of it (64 submissions at once: 320
 * copies of a 1 MB clip, most of the proxy's peak memory in the proxy bench). The bytes are shared read-only (no
 * provider writes to or transfers its input; the on-box screening copies it into its worker) and dropped when the
 * last check using them lets go.
 */
export interface SharedRead<B extends Uint8Array = Uint8Array> {
  bytes: B;
  /** This check is done with the bytes (idempotent). */
  release(): void;
}

export interface SharedReads<B extends Uint8Array> {
  acquire(sha256: string): Promise<SharedRead<B>>;
  /** Files held now (for tests). */
  readonly held: number;
}

export function createSharedReads<B extends Uint8Array>(read: (sha256: string) => Promise<B>): SharedReads<B> {
  const open = new Map<string, { bytes: Promise<B>; users: number }>();
  return {
    async acquire(sha256) {
      let entry = open.get(sha256);
      if (!entry) {
        entry = { bytes: read(sha256), users: 0 };
        open.set(sha256, entry);
      }
      const mine = entry;
      mine.users++;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (--mine.users === 0 && open.get(sha256) === mine) open.delete(sha256);
      };
      try {
        return { bytes: await mine.bytes, release };
      } catch (err) {
        release(); // a failed read is not kept for the next check: it reads again
        throw err;
      }
    },
    get held() {
      return open.size;
    },
  };
}
