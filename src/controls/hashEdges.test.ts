import { describe, expect, it } from 'vitest';
import { parseHash } from './hash';

/** Edges of the link syntax that the mutation run (docs/mutation.md) found untested. */
const known = ['https'];
const parse = (h: string) => parseHash(h, known, () => ({ lastFrame: 16 * 60, fps: 60 }));

describe('parseHash, edges of each value', () => {
  it('reads seconds as plain decimals only: an exponent, hex or a trailing character is refused, not read as a number', () => {
    for (const t of ['1e1', '0x10', '2.5x', '2.', '.5']) {
      const s = parse(`#t=${t}`);
      expect([s.t, s.problems], t).toEqual([0, [`Ignored t="${t}": expected seconds such as t=2.35.`]]);
    }
    expect(parse('#speed=1e0').problems).toEqual(['Ignored speed="1e0": expected 0.1 to 4.']);
  });

  it('drops only the one leading "#": a "#" inside a value is part of it', () => {
    expect(parse('t=1#5').problems).toEqual(['Ignored t="1#5": expected seconds such as t=2.35.']);
    expect(parse('t=1.5').t).toBe(1.5);
  });

  it('loop=0 and embed=0 are accepted as "off", silently', () => {
    const s = parse('#loop=0&embed=0');
    expect([s.loop, s.embed, s.problems]).toEqual([false, false, []]);
    const on = parse('#loop=1&embed=1');
    expect([on.loop, on.embed, on.problems]).toEqual([true, true, []]);
    expect(parse('#embed=').problems).toEqual(['Ignored embed="": expected 1 or 0.']);
    expect(parse('#loop=').problems).toEqual(['Ignored loop="": expected 1 or 0.']);
  });

  it('drops the same packet once, but the same number in two directions twice', () => {
    expect(parse('#drop=c2s:3,s2c:3,c2s:3').variant.drops).toEqual([
      { direction: 'client-to-server', index: 3 },
      { direction: 'server-to-client', index: 3 },
    ]);
    expect(parse('#drop=c2s:3&drop=c2s:4').variant.drops).toEqual([
      { direction: 'client-to-server', index: 3 },
      { direction: 'client-to-server', index: 4 },
    ]);
  });
});
