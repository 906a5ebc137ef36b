import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Exporter, ExportSettings } from './exporter';

/**
 * The frame loop's contract (exporter.ts): start → frame × N, each after the canvas holds frame n
 * (seeked to from + n/fps, stamped n/fps exactly) → finish, or abort on cancel or error. The canvas
 * view is replaced by a recorder (the loop, not Pixi, is under test here; the browser tests draw).
 */
const drawn: unknown[] = [];
const destroyed: number[] = [];
const created: Record<string, unknown>[] = [];
vi.mock('../render/canvasView', () => ({
  createCanvasView: async (options: Record<string, unknown>) => {
    created.push(options);
    return { canvas: { id: 'canvas' }, draw: (state: unknown) => drawn.push(state), destroy: () => destroyed.push(1) };
  },
}));
const { runExport, ExportCancelled } = await import('./frameLoop');
type Source = Parameters<typeof runExport>[0];
const { darkTheme } = await import('../render/theme');

const model = { labels: { client: 'C' }, evaluator: { at: (timeS: number) => ({ timeS }) } } as unknown as Source;
const settings = (over: Partial<ExportSettings> = {}): ExportSettings => ({ format: 'gif', width: 320, height: 180, fps: 30, fromS: 1, toS: 1.2, ...over });

function recorder(over: Partial<Exporter> = {}) {
  const calls: unknown[][] = [];
  const exporter: Exporter = {
    start: async (s, canvas) => void calls.push(['start', s.fps, canvas]),
    frame: async (_canvas, index, us) => void calls.push(['frame', index, us, drawn.length]),
    finish: async () => (calls.push(['finish']), Uint8Array.of(7)),
    abort: async () => void calls.push(['abort']),
    ...over,
  };
  return { exporter, calls };
}

beforeEach(() => {
  drawn.length = 0;
  destroyed.length = 0;
  created.length = 0;
});

describe('runExport', () => {
  it('draws frame n at from + n/fps before handing it over, stamped round(n·10⁶/fps) µs, then finishes', async () => {
    const { exporter, calls } = recorder();
    const out = await runExport(model, settings(), exporter, { now: () => 0 });
    expect([...out]).toEqual([7]);
    expect(calls).toEqual([
      ['start', 30, { id: 'canvas' }],
      ['frame', 0, 0, 1],
      ['frame', 1, 33333, 2],
      ['frame', 2, 66667, 3],
      ['frame', 3, 100000, 4],
      ['frame', 4, 133333, 5],
      ['frame', 5, 166667, 6],
      ['finish'],
    ]);
    expect(drawn.map((d) => (d as { timeS: number }).timeS)).toEqual([1, 31, 32, 33, 34, 35].map((n, i) => expect.closeTo(i === 0 ? 1 : n / 30, 12))); // 1 s + n/30 s
    expect(destroyed).toEqual([1]);
  });

  it('creates the view at the export size, resolution 1, keeping the drawing buffer, in the theme asked for (dark by default)', async () => {
    const overlays = { captions: false } as never;
    await runExport(model, settings({ overlays }), recorder().exporter, { now: () => 0 });
    const light = { name: 'light' } as never;
    await runExport(model, settings(), recorder().exporter, { now: () => 0, theme: light });
    expect(created).toEqual([
      { labels: { client: 'C' }, width: 320, height: 180, resolution: 1, preserveDrawingBuffer: true, theme: darkTheme, overlays },
      { labels: { client: 'C' }, width: 320, height: 180, resolution: 1, preserveDrawingBuffer: true, theme: light, overlays: undefined },
    ]);
  });

  it('reports progress after each frame: done of total, with the elapsed time from the clock it is given', async () => {
    let t = 1000;
    const progress: [number, number, number][] = [];
    await runExport(model, settings({ toS: 1.1 }), recorder().exporter, { now: () => (t += 10), onProgress: (p) => progress.push([p.done, p.total, p.elapsedS]) });
    // now(): started = 1010, slice = 1020; frame 0 reads 1030 (progress) and 1040 (slice), frame 1 1050 and 1060, …
    expect(progress).toEqual([
      [1, 3, 0.02],
      [2, 3, expect.closeTo(0.04, 9)],
      [3, 3, expect.closeTo(0.07, 9)], // frame 1 used up the slice: the yield read the clock once more
    ]);
  });

  it('yields to the page once a slice of 40 ms is used up, and only then', async () => {
    const yields: number[] = [];
    const scheduler = { yield: async () => void yields.push(drawn.length) };
    (globalThis as { scheduler?: unknown }).scheduler = scheduler;
    try {
      let t = 0;
      // Each frame takes 15 ms of clock (two reads of 7.5 ms): the slice is used up after frames 2 and 5 (at 45 ms, 45 ms).
      await runExport(model, settings({ toS: 1 + 6 / 30 }), recorder().exporter, { now: () => (t += 7.5), onProgress: () => undefined });
      expect(yields).toEqual([3, 6]);
      yields.length = 0;
      t = 0;
      await runExport(model, settings({ toS: 1 + 6 / 30 }), recorder().exporter, { now: () => t });
      expect(yields).toEqual([]);
    } finally {
      delete (globalThis as { scheduler?: unknown }).scheduler;
    }
  });

  it('without scheduler.yield, yields with a zero timeout', async () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    let t = 0;
    await runExport(model, settings({ toS: 1 + 2 / 30 }), recorder().exporter, { now: () => (t += 50) });
    expect(spy.mock.calls.filter((c) => c[1] === 0).length).toBe(2);
    spy.mockRestore();
  });

  it('refuses a range with no frame, naming it', async () => {
    const { exporter, calls } = recorder();
    await expect(runExport(model, settings({ toS: 1 }), exporter)).rejects.toThrow('nothing to export: from 1 s to 1 s at 30 fps is no frame');
    await expect(runExport(model, settings({ toS: Number.NaN }), exporter)).rejects.toThrow('nothing to export');
    expect(calls).toEqual([]);
    expect(created).toEqual([]);
  });

  it('a signal aborted before the start cancels at once: nothing is encoded, abort is called, the view destroyed', async () => {
    const { exporter, calls } = recorder();
    const controller = new AbortController();
    controller.abort();
    const error = await runExport(model, settings(), exporter, { signal: controller.signal, now: () => 0 }).catch((e) => e);
    expect(error).toBeInstanceOf(ExportCancelled);
    expect(error.name).toBe('AbortError');
    expect(error.message).toBe('export cancelled');
    await Promise.resolve();
    expect(calls.filter((c) => c[0] !== 'start')).toEqual([['abort']]);
    expect(destroyed).toEqual([1]);
  });

  it('cancelling between frames stops before the next frame; cancelling during a slow frame returns at once', async () => {
    const controller = new AbortController();
    const { exporter, calls } = recorder({
      frame: async (_c, index) => {
        calls.push(['frame', index]);
        if (index === 1) controller.abort();
      },
    });
    await expect(runExport(model, settings(), exporter, { signal: controller.signal, now: () => 0 })).rejects.toBeInstanceOf(ExportCancelled);
    expect(calls.map((c) => String(c[0]) + String(c[1] ?? ''))).toEqual(['start30', 'frame0', 'frame1', 'abort']);

    const slow = new AbortController();
    const stuck = recorder({ frame: () => new Promise<void>(() => slow.abort()) }); // never settles
    await expect(runExport(model, settings(), stuck.exporter, { signal: slow.signal, now: () => 0 })).rejects.toBeInstanceOf(ExportCancelled);
    expect(stuck.calls.map((c) => c[0])).toEqual(['start', 'abort']);
  });

  it('an error from the encoder is passed on after abort has finished, and the view is destroyed', async () => {
    const order: string[] = [];
    const { exporter } = recorder({
      frame: async () => {
        throw new Error('encoder broke');
      },
      abort: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5)); // an encoder's close() takes a while
        order.push('aborted');
      },
    });
    await expect(runExport(model, settings(), exporter, { now: () => 0 }).finally(() => order.push('returned'))).rejects.toThrow('encoder broke');
    expect(order).toEqual(['aborted', 'returned']);
    expect(destroyed).toEqual([1]);
  });

  it('a cancelled export does not wait for abort, and a failing abort is not reported', async () => {
    const controller = new AbortController();
    controller.abort();
    const { exporter } = recorder({ abort: () => Promise.reject(new Error('abort failed')) });
    await expect(runExport(model, settings(), exporter, { signal: controller.signal, now: () => 0 })).rejects.toBeInstanceOf(ExportCancelled);
  });

  it('without a clock of its own, reports progress on the page clock (finite, growing elapsed times)', async () => {
    const elapsed: number[] = [];
    await runExport(model, settings(), recorder().exporter, { onProgress: (p) => elapsed.push(p.elapsedS) });
    expect(elapsed).toHaveLength(6);
    expect(elapsed.every((e) => Number.isFinite(e) && e >= 0)).toBe(true);
    expect(elapsed).toEqual([...elapsed].sort((x, y) => x - y));
  });

  it('with no signal, an encoder that takes real time (timers, not microtasks) runs to the end', async () => {
    const later = () => new Promise<void>((resolve) => setTimeout(resolve, 1));
    const { exporter, calls } = recorder();
    const slow: Exporter = {
      start: async (s, c) => (await later(), exporter.start(s, c)),
      frame: async (c, n, us) => (await later(), exporter.frame(c, n, us)),
      finish: async () => (await later(), exporter.finish()),
      abort: exporter.abort,
    };
    expect([...(await runExport(model, settings(), slow, { now: () => 0 }))]).toEqual([7]);
    expect(calls.map((c) => c[0])).toEqual(['start', 'frame', 'frame', 'frame', 'frame', 'frame', 'frame', 'finish']);
  });

  it('a signal aborted before the start cancels even an encoder whose start never settles', async () => {
    const controller = new AbortController();
    controller.abort();
    const { exporter, calls } = recorder({ start: () => new Promise<void>(() => undefined) });
    const outcome = await Promise.race([
      runExport(model, settings(), exporter, { signal: controller.signal, now: () => 0 }).catch((e) => e),
      new Promise((resolve) => setTimeout(() => resolve('still waiting for start'), 1000)),
    ]);
    expect(outcome).toBeInstanceOf(ExportCancelled);
    await Promise.resolve();
    expect(calls).toEqual([['abort']]);
  });
});
