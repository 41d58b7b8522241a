/**
 * Storing files and then the rows that name them, without leaving files behind: the capture
 * upload (its staged files) and the capture screening (its sampled frames) both go through here.
 * The store is shared by content, so "remove what failed" means only the objects this request
 * created: bytes it found already stored belong to other cases too.
 */
import type { MediaStore } from './store.js';

/** An object a request put in the store; `created` is false when the same bytes were already there. */
export interface StoredObject {
  sha256: string;
  created: boolean;
}

/** Removes the objects this request created, except those in `keep` (rows saved by another request name them). */
export async function removeCreated(
  media: MediaStore,
  stored: readonly StoredObject[],
  keep: ReadonlySet<string> = new Set(),
): Promise<void> {
  await Promise.all(stored.filter((s) => s.created && !keep.has(s.sha256)).map((s) => media.remove(s.sha256)));
}

/**
 * Stores each item in turn (`store`: commit a staged upload, put bytes…), then `save`s the rows
 * naming them. If either fails, the objects this call created are removed and the error is
 * rethrown. Returns what `save` returned and what was stored, for a caller whose save did not take
 * effect (a lost race) to clean up with `removeCreated`.
 */
export async function storeThenSave<I, R>(
  media: MediaStore,
  items: Iterable<I>,
  store: (item: I) => Promise<StoredObject>,
  save: (stored: Array<StoredObject & { item: I }>) => Promise<R>,
): Promise<{ saved: R; stored: StoredObject[] }> {
  const stored: Array<StoredObject & { item: I }> = [];
  try {
    for (const item of items) stored.push({ ...(await store(item)), item });
    return { saved: await save(stored), stored };
  } catch (err) {
    await removeCreated(media, stored);
    throw err;
  }
}
