import type { ChildProcess } from 'node:child_process';

/**
 * Asks a child process questions over its IPC channel, one at a time: each answer is the next message the child
 * sends, so a second question waits until the first is answered (a failed one does not block the next).
 */
export function askChild<Q>(child: ChildProcess): <T>(question: Q) => Promise<T> {
  let asking = Promise.resolve<unknown>(undefined);
  return <T>(question: Q): Promise<T> => {
    const answer = asking.then(
      () =>
        new Promise<T>((resolve) => {
          child.once('message', (m) => resolve(m as T));
          child.send(question as object);
        }),
    );
    asking = answer.catch(() => undefined);
    return answer;
  };
}
