/**
 * Effects bound to the states of a pure reducer, in one table (capture-effects.ts): each row says
 * in which states its effect lives; the effect starts when the machine enters them and is cleaned
 * up when it leaves (like an xstate `invoke` on a state, or on a parent state for a group).
 *
 * Which run of an effect belongs to which state entry is kept here, beside the domain state: every
 * state entry (a change of state name) gets an id, and a row's run is keyed by the id of the entry
 * that started it. Re-entering a state (RETRY after a failure) therefore restarts its effect with
 * no counter in the domain state; moving inside a row's states (guiding ⇄ countdown) keeps it.
 */
import { useEffect, useMemo, useReducer, useRef, type Dispatch } from 'react';
import { isAbortError } from '../../lib/abort';

export type Cleanup = () => void;

/** What a started effect gets besides the state: the way back into the machine and its entry id. */
export interface EffectRun<E> {
  dispatch: Dispatch<E>;
  /** The id of the state entry that started this run (unique for the page's lifetime). */
  entry: number;
}

export interface StateEffect<S extends { name: string }, E, C> {
  /** The states the effect lives through; leaving them cleans it up. */
  during: readonly S['name'][];
  /** Entering one of these restarts it even from inside `during` (by default only entering from outside does). */
  restartIn?: readonly S['name'][];
  start(state: S, run: C & EffectRun<E>): Cleanup | void;
}

/** The machine's state plus, per table row, the entry id of its current run (null: not running). */
export interface Entered<S> {
  state: S;
  runs: readonly (number | null)[];
  lastEntry: number;
}

type Rows<S extends { name: string }> = ReadonlyArray<Pick<StateEffect<S, never, never>, 'during' | 'restartIn'>>;

function runsOnEntry<S extends { name: string }>(rows: Rows<S>, from: Entered<S> | null, to: S, entry: number) {
  return rows.map((row, i) => {
    if (!row.during.includes(to.name)) return null;
    const stays = from !== null && row.during.includes(from.state.name) && !row.restartIn?.includes(to.name);
    return stays ? (from.runs[i] ?? null) : entry;
  });
}

export function enterInitial<S extends { name: string }>(rows: Rows<S>, state: S): Entered<S> {
  return { state, runs: runsOnEntry(rows, null, state, 1), lastEntry: 1 };
}

/** Wraps a reducer so that every change of state name is an entry, and each row's run follows it. */
export function withEntries<S extends { name: string }, E>(reducer: (state: S, event: E) => S, rows: Rows<S>) {
  return (current: Entered<S>, event: E): Entered<S> => {
    const next = reducer(current.state, event);
    if (next === current.state) return current;
    if (next.name === current.state.name) return { ...current, state: next };
    const entry = current.lastEntry + 1;
    return { state: next, runs: runsOnEntry(rows, current, next, entry), lastEntry: entry };
  };
}

/** The runs under way, by table row. */
export type Running = Array<{ entry: number; cleanup: Cleanup | void } | undefined>;

/** Stops the runs whose entry is over, then starts the rows wanted and not running (every stop before any start). */
export function syncRuns(
  running: Running,
  wanted: Entered<unknown>['runs'],
  start: (row: number, entry: number) => Cleanup | void,
): void {
  running.forEach((run, i) => {
    if (run && run.entry !== wanted[i]) {
      running[i] = undefined;
      run.cleanup?.();
    }
  });
  wanted.forEach((entry, i) => {
    if (entry != null && !running[i]) running[i] = { entry, cleanup: start(i, entry) };
  });
}

export function stopAll(running: Running): void {
  running.splice(0).forEach((run) => run?.cleanup?.());
}

/**
 * `useReducer` plus the effects table: after every commit, syncs the runs with the states just
 * entered (a run starts with this render's state and `context`); stops them all on unmount.
 */
export function useStateEffects<S extends { name: string }, E, C>(
  reducer: (state: S, event: E) => S,
  initial: S,
  table: ReadonlyArray<StateEffect<S, E, C>>,
  context: C,
): [S, Dispatch<E>] {
  const step = useMemo(() => withEntries(reducer, table), [reducer, table]);
  const [entered, dispatch] = useReducer(step, initial, (state) => enterInitial(table, state));
  const running = useRef<Running>([]);

  useEffect(() => {
    syncRuns(running.current, entered.runs, (i, entry) => table[i]?.start(entered.state, { ...context, dispatch, entry }));
  }, [entered, table, context, dispatch]);

  useEffect(() => {
    const runs = running.current;
    return () => stopAll(runs);
  }, []);

  return [entered.state, dispatch];
}

/**
 * An abortable job as an effect: `done` / `failed` hear of its end unless the state was left first
 * (the cleanup aborts it; an abort is never reported as a failure).
 */
export function abortableJob<T>(
  job: (signal: AbortSignal) => Promise<T>,
  done: (value: T) => void,
  failed: (error: unknown) => void,
): Cleanup {
  const ac = new AbortController();
  job(ac.signal).then(
    (value) => {
      if (!ac.signal.aborted) done(value);
    },
    (error: unknown) => {
      if (!ac.signal.aborted && !isAbortError(error)) failed(error);
    },
  );
  return () => ac.abort();
}

/** The error's own message, else `fallback`. */
export function errorMessage(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
}
