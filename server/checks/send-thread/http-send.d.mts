export function httpSend(request: {
  url: string;
  method: string;
  headers: Iterable<[string, string]>;
  body: ArrayBuffer | Uint8Array | null;
  signal?: AbortSignal;
}): Promise<Response>;
