import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, MAX_EVENTS, Timer } from './eventQueue';

describe('EventQueue: callbacks in (time, posting order)', () => {
  it('runs any set of posts in the order of a stable sort by time, with the clock at each event’s time', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { maxLength: 120, size: 'max' }), (times) => {
        const q = new EventQueue();
        const ran: [number, number, number][] = [];
        times.forEach((t, i) => q.post(t, () => ran.push([t, i, q.nowUs])));
        expect(q.size).toBe(times.length);
        q.run();
        // Array.prototype.sort is stable (ECMA-262 §23.1.3.30): equal times keep posting order.
        const expected = times.map((t, i) => [t, i, t]).sort((a, b) => a[0] - b[0]);
        expect(ran).toEqual(expected);
        expect(q.size).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('events posted while running take their place: at the same time after what is queued, never before the clock', () => {
    const q = new EventQueue();
    const log: string[] = [];
    q.post(10, () => {
      log.push('a@10');
      q.post(10, () => log.push('c@10 (posted by a)'));
      q.post(15, () => log.push('d@15'));
    });
    q.post(10, () => log.push('b@10'));
    q.post(20, () => log.push('e@20'));
    q.run();
    expect(log).toEqual(['a@10', 'b@10', 'c@10 (posted by a)', 'd@15', 'e@20']);
    expect(q.nowUs).toBe(20);
    // The clock may not go back: causes come before effects.
    expect(() => q.post(19, () => {})).toThrow('EventQueue: 19 µs is in the past (now 20 µs)');
    q.post(20, () => log.push('f@20'));
    q.run();
    expect(log.at(-1)).toBe('f@20');
  });

  it('runSome runs a slice and says how many; slices give the same order as one run', () => {
    const times = [5, 3, 3, 9, 1, 5, 7, 3, 0, 2];
    const whole = new EventQueue();
    const sliced = new EventQueue();
    const a: number[] = [];
    const b: number[] = [];
    times.forEach((t, i) => whole.post(t, () => a.push(i)));
    times.forEach((t, i) => sliced.post(t, () => b.push(i)));
    whole.run();
    expect(sliced.runSome(0)).toBe(0);
    expect(sliced.runSome(3)).toBe(3);
    expect(sliced.nowUs).toBe(2);
    expect(sliced.size).toBe(7);
    expect(sliced.runSome(4)).toBe(4);
    expect(sliced.runSome(100)).toBe(3);
    expect(sliced.runSome(100)).toBe(0);
    expect(b).toEqual(a);
    expect(a).toEqual([8, 4, 9, 1, 2, 7, 0, 5, 6, 3]);
  });

  it('run stops a scenario that never ends after its limit, naming it; exactly the limit is fine', () => {
    const forever = new EventQueue();
    const tick = () => forever.post(forever.nowUs + 1, tick);
    tick();
    expect(() => forever.run(1000)).toThrow('EventQueue: more than 1000 events; the scenario does not finish');
    expect(forever.nowUs).toBe(1000);
    const exact = new EventQueue();
    for (let i = 0; i < 1000; i++) exact.post(i, () => {});
    expect(() => exact.run(1000)).not.toThrow();
    expect(MAX_EVENTS).toBe(50_000_000);
  });
});

describe('Timer: only the latest arming fires', () => {
  const setup = () => {
    const q = new EventQueue();
    const fired: number[] = [];
    const changes: { startUs: number; dueUs: number; endUs: number; fired: boolean; tag: string }[] = [];
    const timer = new Timer(q, () => fired.push(q.nowUs), (c) => changes.push(c));
    return { q, fired, changes, timer };
  };

  it('fires once at now + delay (rounded to a whole µs) and reports the span it ran', () => {
    const { q, fired, changes, timer } = setup();
    q.post(100, () => timer.arm(200.4, 'RTO'));
    q.run();
    expect(fired).toEqual([300]);
    expect(changes).toEqual([{ startUs: 100, dueUs: 300, endUs: 300, fired: true, tag: 'RTO' }]);
    expect([timer.armed, timer.dueUs]).toEqual([false, undefined]);
  });

  it('re-arming ends the previous span where it stood; cancelling too; the old arming never fires', () => {
    const { q, fired, changes, timer } = setup();
    q.post(0, () => timer.arm(100, 'syn'));
    q.post(40, () => {
      expect([timer.armed, timer.startUs, timer.dueUs, timer.tag]).toEqual([true, 0, 100, 'syn']);
      timer.arm(100);
    });
    q.post(90, () => timer.cancel());
    q.post(95, () => timer.cancel());
    q.run();
    expect(fired).toEqual([]);
    expect(changes).toEqual([
      { startUs: 0, dueUs: 100, endUs: 40, fired: false, tag: 'syn' },
      // Re-armed without a tag: it keeps the one it had.
      { startUs: 40, dueUs: 140, endUs: 90, fired: false, tag: 'syn' },
    ]);
    expect(timer.armed).toBe(false);
  });

  it('re-armed before it fires, it fires once, at the new time; a first arming without a tag has none', () => {
    const { q, fired, changes, timer } = setup();
    q.post(0, () => timer.arm(100));
    q.post(40, () => timer.arm(100));
    q.run();
    expect(fired).toEqual([140]);
    expect(changes).toEqual([
      { startUs: 0, dueUs: 100, endUs: 40, fired: false, tag: '' },
      { startUs: 40, dueUs: 140, endUs: 140, fired: true, tag: '' },
    ]);
  });

  it('armed again after firing, it fires again; a timer with no listener works the same', () => {
    const q = new EventQueue();
    const fired: number[] = [];
    const timer = new Timer(q, () => {
      fired.push(q.nowUs);
      if (fired.length < 3) timer.arm(10, 'data');
    });
    timer.arm(10, 'data');
    q.run();
    expect(fired).toEqual([10, 20, 30]);
    expect(timer.armed).toBe(false);
  });
});
