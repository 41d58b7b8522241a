/**
 * localStorage that never throws: storage can be blocked (private mode, policies), and then a
 * choice is just not remembered.
 */
export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function store(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // not remembered; still used for this visit
  }
}
