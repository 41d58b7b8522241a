/** The DOMException every cancelled fetch, recording or fitting job rejects with. */
export function abortError(message: string): DOMException {
  return new DOMException(message, 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
