/**
 * A full garbage collection of the calling thread, now. Releasing the compiled decoder only drops a
 * reference: its ~60 MB of native memory (code, and the 32 MB module it was compiled from) is freed
 * when V8 next collects, and an idle server may not collect for hours (measured: it stayed 70 MB
 * over its idle size until a forced GC). Node has no GC API without --expose-gc; the flag below
 * applies only to the new context that hands out `gc`, and is switched off again at once.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
    v8.setFlagsFromString('--no-expose-gc');
  }
  gc();
}
