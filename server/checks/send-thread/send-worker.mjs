// The send thread's body (./send-thread.ts): plain JavaScript, so the thread starts without a TypeScript loader and
// stays small. It only sleeps until each request's slot, checks the slot is still good and writes the request.
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { httpSend } from './http-send.mjs';

// Ahead of the process's other threads where the system lets us (Linux nice is per thread): this thread sleeps
// almost always, and when it wakes a request's arrival time depends on it running at once.
try {
  setPriority(Math.max(-20, getPriority() - 5));
} catch {
  // Not permitted here: it still runs, at the process's priority.
}

const maxAnswerBytes = workerData.maxAnswerBytes;
const controllers = new Map();
const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

parentPort.on('message', (message) => {
  if (message.type === 'abort') controllers.get(message.id)?.abort();
  else void send(message);
});

/** Reads at most maxAnswerBytes + 1 bytes: enough for the caller to see an oversized answer, never more. */
async function readBounded(response) {
  if (!response.body) return new ArrayBuffer(0);
  const reader = response.body.getReader();
  const chunks = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    if (received > maxAnswerBytes) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const all = Buffer.concat(chunks).subarray(0, maxAnswerBytes + 1);
  return all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
}

async function send(message) {
  const { id } = message;
  const controller = new AbortController();
  controllers.set(id, controller);
  try {
    for (let left = message.sendAt - wallNow(); left > 0; left = message.sendAt - wallNow()) await sleep(left);
    if (controller.signal.aborted) return;
    if (message.sendBy !== undefined && wallNow() > message.sendBy) {
      parentPort.postMessage({ id, type: 'missed', lateMs: wallNow() - message.sendBy });
      return;
    }
    parentPort.postMessage({ id, type: 'sent' });
    const response = await httpSend({ ...message, signal: controller.signal });
    const body = await readBounded(response);
    const answer = {
      id,
      type: 'response',
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
      body,
    };
    parentPort.postMessage(answer, [body]);
  } catch (error) {
    if (controller.signal.aborted) return; // the caller already rejected with its own reason
    const cause = error?.cause;
    parentPort.postMessage({
      id,
      type: 'error',
      name: error?.name ?? 'Error',
      message: error?.message ?? String(error),
      cause: cause
        ? { code: typeof cause.code === 'string' ? cause.code : undefined, message: String(cause.message ?? cause) }
        : undefined,
    });
  } finally {
    controllers.delete(id);
  }
}
