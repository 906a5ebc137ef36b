import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, page } from 'vitest/browser';
import '../src/app/styles.css';
import { drawTimelineTicks } from '../src/controls/timelineTicks';
import { LogView } from '../src/overlay/logView';
import { buildModel, type Model } from '../src/playback/model';
import { findScenario } from '../src/sim/scenarios';
import { lastFrame } from '../src/timeline/eventsUpTo';
import type { Plan } from '../src/timeline/plan';

/**
 * Issue #11's goldens for the views that must not grow with the trace: the timeline bar's
 * ticks for over 100,000 packets on one canvas, and simulation.log (a virtual list) scrolled to
 * the middle of `bulk`. A mismatch leaves tests/__diff__/NAME.{expected,actual,diff}.png.
 */
let model: Model;
const cleanup: (() => void)[] = [];

beforeAll(async () => {
  model = buildModel(findScenario('bulk')!);
  await document.fonts.ready;
}, 240_000);

afterAll(() => cleanup.forEach((c) => c()));

async function expectGolden(name: string, pngBase64: string): Promise<void> {
  const result = await commands.compareGolden(name, pngBase64, 0);
  expect(result.status, result.message).not.toBe('mismatch');
  expect(result.status, result.message).not.toBe('missing');
}

/** A panel of the app's own markup and style, on the page's background. */
function panel(html: string, width: number): HTMLElement {
  const host = document.createElement('div');
  host.style.cssText = `width:${width}px;position:relative;background:var(--bg);padding:8px`;
  host.innerHTML = html; // the test's own markup, no file or URL text
  document.body.append(host);
  cleanup.push(() => host.remove());
  return host;
}

/**
 * `bulk` ten times over, one download after another: 110,000 real packets' ticks, chapters
 * and skipped waits (bulk-100k takes minutes to simulate in a page; its ticks are of the same kind).
 */
function tenfold(plan: Plan): Plan {
  const copies = Array.from({ length: 10 }, (_, k) => k * plan.durationS);
  return {
    ...plan,
    durationS: plan.durationS * 10,
    flights: copies.flatMap((d) => plan.flights.map((f) => ({ ...f, startS: f.startS + d, endS: f.endS + d }))),
    chapters: copies.flatMap((d) => plan.chapters.map((c) => ({ ...c, startS: c.startS + d, endS: c.endS + d }))),
    skips: copies.flatMap((d) => plan.skips.map((s) => ({ ...s, atS: s.atS + d, endS: s.endS + d }))),
  };
}

describe('views at scale (goldens)', { timeout: 240_000 }, () => {
  it('timeline bar: 110,000 packets as ticks on one canvas, chapter marks readable', async () => {
    const plan = tenfold(model.plan);
    expect(plan.flights.length).toBeGreaterThan(100_000);
    const bar = panel('<div class="scrubber"><div class="chapters"></div><div class="ticks"></div></div>', 1200);
    const ticks = bar.querySelector<HTMLElement>('.ticks')!;
    cleanup.push(drawTimelineTicks(ticks, bar.querySelector<HTMLElement>('.chapters')!, plan, lastFrame(plan)));
    // One canvas, not an element per packet: the bar's DOM is the chapters and the skips.
    expect(ticks.querySelectorAll('canvas')).toHaveLength(1);
    expect(bar.querySelectorAll('*').length).toBeLessThan(plan.chapters.length + plan.skips.length + 10);
    await expectGolden('timeline-bar-110k-ticks', await page.screenshot({ element: bar, save: false }));
  });

  it('simulation.log scrolled to the middle of bulk: only the rows in view exist', async () => {
    const host = panel('<ol class="log" style="height:20rem"></ol>', 640);
    const list = host.querySelector<HTMLOListElement>('ol')!;
    const log = new LogView(list, model.plan.timeline, () => {});
    cleanup.push(() => log.destroy());
    const middle = Math.floor(model.plan.timeline.length / 2);
    log.show(middle);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const rows = [...list.querySelectorAll<HTMLLIElement>('li[data-index]')];
    expect(rows.length).toBeLessThan(60);
    // The latest event is the last row in view, and the list keeps its height (it scrolls).
    expect(rows.map((r) => Number(r.dataset.index))).toContain(middle - 1);
    expect(list.clientHeight).toBe(320);
    expect(list.scrollHeight).toBeGreaterThan(middle * 19);
    await expectGolden('log-bulk-middle', await page.screenshot({ element: host, save: false }));
  });
});
