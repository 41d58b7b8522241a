/** Issue 15 item 3: tips for the problem at hand after tipsAfterMs without one good frame. */
import { describe, expect, it } from 'vitest';
import { AUTO_START_CONFIG } from '../guidance/guidance-config';
import { run, tick, toCountdown, countdownStart, toGuiding } from './machine.test-helpers';

const { tipsAfterMs } = AUTO_START_CONFIG;

describe('guidance tips', () => {
  it('appear after tipsAfterMs without a ready hint, not before', () => {
    const early = run([...toGuiding, { type: 'HINT', hint: 'too_dark' }, tick(tipsAfterMs - 100)]);
    expect(early).toMatchObject({ name: 'guiding', tips: false, notReadySince: 0 });
    const late = run([tick(tipsAfterMs)], early);
    expect(late).toMatchObject({ name: 'guiding', hint: 'too_dark', tips: true });
  });

  it('a good frame takes them away and restarts the clock', () => {
    const struggling = run([...toGuiding, { type: 'HINT', hint: 'move_closer' }, tick(tipsAfterMs)]);
    expect(struggling).toMatchObject({ tips: true });
    const good = run([{ type: 'HINT', hint: 'ready' }], struggling);
    expect(good).toMatchObject({ name: 'guiding', tips: false, notReadySince: null });
    // The face drifts off again: the clock starts at the next TICK, so no tips for another tipsAfterMs.
    const again = run([{ type: 'HINT', hint: 'no_face' }, tick(tipsAfterMs + 200), tick(2 * tipsAfterMs)], good);
    expect(again).toMatchObject({ tips: false, notReadySince: tipsAfterMs + 200 });
    expect(run([tick(2 * tipsAfterMs + 200)], again)).toMatchObject({ tips: true });
  });

  it('the time the face spent in a countdown counts as good: an aborted countdown starts the clock afresh', () => {
    const aborted = run([...toCountdown, tick(countdownStart + 1000), { type: 'HINT', hint: 'no_face' }]);
    expect(aborted).toMatchObject({ name: 'guiding', notReadySince: null, tips: false });
    const t0 = countdownStart + 1100;
    const s = run([tick(t0), tick(t0 + tipsAfterMs - 1)], aborted);
    expect(s).toMatchObject({ tips: false, notReadySince: t0 });
    expect(run([tick(t0 + tipsAfterMs)], s)).toMatchObject({ tips: true });
  });

  it('a TICK that changes nothing returns the same object', () => {
    const s = run([...toGuiding, { type: 'HINT', hint: 'too_dark' }, tick(100)]);
    expect(run([tick(200)], s)).toBe(s);
  });
});
