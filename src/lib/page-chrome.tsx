/**
 * Lets a page ask the app's chrome (header, language switch) to step aside: the capture does while
 * the camera is live, so nothing but the preview and its guidance is on screen (issue 15 item 1).
 * src/app provides it; features call useFocusMode. Default: a no-op, so pages work without it.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

const SetFocusMode = createContext<(on: boolean) => void>(() => undefined);
const FocusMode = createContext(false);

export function FocusModeProvider({ children }: { children: ReactNode }) {
  const [on, setOn] = useState(false);
  return (
    <SetFocusMode.Provider value={setOn}>
      <FocusMode.Provider value={on}>{children}</FocusMode.Provider>
    </SetFocusMode.Provider>
  );
}

/** While `on`, the chrome hides what is not the page's task; it comes back when the page leaves. */
export function useFocusMode(on: boolean): void {
  const set = useContext(SetFocusMode);
  useEffect(() => {
    set(on);
    return () => set(false);
  }, [on, set]);
}

export function useFocusModeOn(): boolean {
  return useContext(FocusMode);
}
