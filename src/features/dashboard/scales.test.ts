import { describe, expect, it } from 'vitest';
import { linearScale, niceMax, percent, stack, ticks } from './scales';

describe('chart scales', () => {
  it('rounds axis maxima up to nice numbers', () => {
    expect([0, 0.3, 1, 3, 7, 11, 24, 26, 480, 999].map(niceMax)).toEqual([1, 0.5, 1, 5, 10, 20, 25, 50, 500, 1000]);
    expect(niceMax(NaN)).toBe(1);
  });

  it('makes evenly spaced ticks', () => {
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(1, 4)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(ticks(2, 4, true)).toEqual([0, 1, 2]);
  });

  it('maps linearly, inverted ranges included', () => {
    const y = linearScale(0, 10, 100, 0);
    expect(y(0)).toBe(100);
    expect(y(10)).toBe(0);
    expect(y(2.5)).toBe(75);
    expect(linearScale(5, 5, 3, 9)(5)).toBe(3);
  });

  it('stacks values in key order', () => {
    expect(stack({ pass: 3, fail: 2 }, ['pass', 'review', 'fail'])).toEqual([
      { key: 'pass', value: 3, y0: 0, y1: 3 },
      { key: 'review', value: 0, y0: 3, y1: 3 },
      { key: 'fail', value: 2, y0: 3, y1: 5 },
    ]);
  });

  it('formats shares', () => {
    expect(percent(1, 3)).toBe('33 %');
    expect(percent(0, 0)).toBe('—');
  });
});
