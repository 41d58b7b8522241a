/**
 * Tells the vendor gateway when one of its attempts really sends a request, without threading a callback through
 * every adapter: the gateway runs each attempt inside `trackSends`, and the rate-limited fetch calls `noteSend()`
 * the moment it takes its rate slot, right before the socket write. An attempt that never got that far (it timed
 * out waiting for the slot, its request could not be built) sent nothing and costs nothing.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const currentAttempt = new AsyncLocalStorage<() => void>();

/** Runs `work`; `onFirstSend` is called synchronously at its first send (an attempt may send several requests). */
export function trackSends<T>(onFirstSend: () => void, work: () => Promise<T>): Promise<T> {
  let sent = false;
  const note = () => {
    if (sent) return;
    sent = true;
    onFirstSend();
  };
  return currentAttempt.run(note, work);
}

/** Called by the rate-limited fetch as a request leaves; a no-op outside a tracked attempt. */
export function noteSend(): void {
  currentAttempt.getStore()?.();
}
