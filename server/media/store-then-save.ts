/**
 * Storing files and then the rows that name them, without leaving files behind: the capture
 * upload (its staged files) and the capture screening (its sampled frames) both go through here.
 * The store is shared by content, so "remove what failed" means only the objects this request
 * created: bytes it found already stored belong to other cases too.
 */
import type { MediaStore, StoredObject } from './store.js';

export type { StoredObject } from './store.js';

/**
 * Removes the objects this request created, except those in `keep` (rows saved by another request
 * name them) and those another request has committed meanwhile (pinned) or a case references.
 */
export async function removeCreated(
  media: MediaStore,
  stored: readonly StoredObject[],
  keep: ReadonlySet<string> = new Set(),
): Promise<void> {
  const created = new Set(stored.filter((s) => s.created && !keep.has(s.sha256)).map((s) => s.sha256));
  await Promise.all([...created].map((sha256) => media.removeIfUnused(sha256)));
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
  // Each store call pinned its object; once the rows are saved (or not), the pins go.
  const unpin = () => Promise.all(stored.map((s) => media.unpin(s.sha256)));
  try {
    for (const item of items) stored.push({ ...(await store(item)), item });
    const saved = await save(stored);
    await unpin();
    return { saved, stored };
  } catch (err) {
    await unpin();
    await removeCreated(media, stored);
    throw err;
  }
}
