/** The integrator's metadata of a session, as key/value lines a reviewer can read. */

/** Top-level entries, values as text: strings as they are, anything else as compact JSON. */
export function metadataEntries(metadata: Record<string, unknown> | undefined): Array<[string, string]> {
  if (!metadata) return [];
  return Object.entries(metadata).map(([key, value]) => [
    key,
    typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)),
  ]);
}
