/**
 * The case page's keyboard shortcuts: one table (what the `?` overlay lists, in the reviewer's words), and one
 * rule for when a key press is a shortcut at all: no Ctrl/Alt/Meta, and never while typing in a form field,
 * so a note can contain any letter. Each component listens for its own keys through useShortcuts.
 */
import { useEffect, useRef } from 'react';

export type ShortcutAction =
  | 'playPause'
  | 'previousFrame'
  | 'nextFrame'
  | 'previousStripImage'
  | 'nextStripImage'
  | 'approve'
  | 'reject'
  | 'escalate'
  | 'nextCase'
  | 'help';

/** `key` values (KeyboardEvent.key) per action; the first is the one shown. */
export const SHORTCUT_KEYS: Record<ShortcutAction, readonly string[]> = {
  playPause: ['k', ' '],
  previousFrame: [','],
  nextFrame: ['.'],
  previousStripImage: ['['],
  nextStripImage: [']'],
  approve: ['a'],
  reject: ['r'],
  escalate: ['e'],
  nextCase: ['n'],
  help: ['?'],
};

export const SHORTCUT_HELP: ReadonlyArray<{ action: ShortcutAction; keys: string; label: string }> = [
  { action: 'playPause', keys: 'K or Space', label: 'Play or pause the video' },
  { action: 'previousFrame', keys: ',', label: 'Previous video frame' },
  { action: 'nextFrame', keys: '.', label: 'Next video frame' },
  { action: 'previousStripImage', keys: '[', label: 'Previous sampled frame' },
  { action: 'nextStripImage', keys: ']', label: 'Next sampled frame' },
  { action: 'approve', keys: 'A', label: 'Approve: choose it, then the reason' },
  { action: 'reject', keys: 'R', label: 'Reject: choose it, then the reason' },
  { action: 'escalate', keys: 'E', label: 'Escalate: choose it, then the reason' },
  { action: 'nextCase', keys: 'N', label: 'Take the next case' },
  { action: 'help', keys: '?', label: 'Show or hide these shortcuts' },
];

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  target: EventTarget | null;
}

const isTyping = (target: EventTarget | null) =>
  typeof HTMLElement !== 'undefined' &&
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** Space keeps its own meaning on controls (it presses a button, opens a disclosure). */
const isControl = (target: EventTarget | null) =>
  typeof HTMLElement !== 'undefined' && target instanceof HTMLElement && /^(BUTTON|A|SUMMARY)$/.test(target.tagName);

/** The action a key press means, or undefined when it is not a shortcut here. */
export function shortcutOf(e: KeyLike): ShortcutAction | undefined {
  if (e.ctrlKey || e.altKey || e.metaKey || isTyping(e.target)) return undefined;
  if (e.key === ' ' && isControl(e.target)) return undefined;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return (Object.keys(SHORTCUT_KEYS) as ShortcutAction[]).find((a) => SHORTCUT_KEYS[a].includes(key));
}

/** Runs `handlers[action]` for the page's shortcut key presses while mounted (and `enabled`). */
export function useShortcuts(handlers: Partial<Record<ShortcutAction, () => void>>, enabled = true): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutOf(e);
      const run = action ? latest.current[action] : undefined;
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
