import { describe, expect, it } from 'vitest';
import { graphGeometry } from '../src/overlay/seqGraphDraw';
import { seqSeries, tcpStreams } from '../src/overlay/seqGraph';
import { findScenario } from '../src/sim/scenarios';
import { simulate } from '../src/sim/simulate';
import { drawn, frame, open, page, setupAppPage } from './support/appPage';

setupAppPage();

/** The network time the page shows now. */
const networkUs = () => page.evaluate(() => (window as any).wirescene.frameView().networkUs as number);
const networkUsAt = (f: number) => page.evaluate((f) => (window as any).wirescene.model.evaluator.evaluate(f).networkUs as number, f);

describe('the timing panel and the TCP stream graph', () => {
  it('lists the request phases with durations and round trips, and marks the phase under way', async () => {
    await open();
    const names = await page.locator('#timing .timing-row .timing-name').allInnerTexts();
    expect(names).toEqual(expect.arrayContaining(['Initial connection', 'SSL/TLS', 'Request sent', 'Waiting (TTFB)', 'Content download', 'Total']));
    for (const row of await page.locator('#timing .timing-row').all()) {
      expect(await row.locator('.timing-ms').innerText()).toMatch(/^\d+\.\d\d m?s$/);
      expect(await row.locator('.timing-rtt').innerText()).toMatch(/RTT$/);
    }
    // Clicking a row jumps to the start of its phase, which is then the one marked.
    await page.locator('#timing .timing-row', { hasText: 'SSL/TLS' }).click();
    await drawn();
    const current = page.locator('#timing .timing-row.current');
    expect(await current.getAttribute('aria-current')).toBe('time');
    expect(await current.locator('.timing-name').innerText()).toBe('SSL/TLS');
    expect(await page.evaluate(() => (window as any).wirescene.player.playing)).toBe(false);
  });

  it('seeks to the network time under the pointer when the graph is clicked', async () => {
    await open();
    const graph = page.locator('#seq-graph canvas');
    expect(await graph.getAttribute('aria-label')).toMatch(/sequence numbers 0 to [\d,]+ over [\d.,]+ m?s, \d+ retransmissions?/);
    await graph.scrollIntoViewIfNeeded();
    const box = (await graph.boundingBox())!;
    // Where a click should land on the time axis, from the graph's geometry for the same trace and size.
    const sim = simulate(findScenario('https')!);
    const geometry = graphGeometry(seqSeries(sim, tcpStreams(sim.packets)[0].stream)!, box.width, box.height);
    const clickAt = async (fraction: number) => {
      // Read the box each time: the inspector above grows once a packet is in focus.
      const now = (await graph.boundingBox())!;
      await page.mouse.click(now.x + now.width * fraction, now.y + now.height / 2);
      await drawn();
      const f = await frame();
      const wanted = geometry.usAt(box.width * fraction);
      // The first frame that shows that network time: this one reaches it, the one before does not.
      expect(await networkUs()).toBeGreaterThanOrEqual(wanted - 1e-6);
      expect(await networkUsAt(f - 1)).toBeLessThanOrEqual(wanted + 1e-6);
      return { frame: f, us: await networkUs() };
    };
    const early = await clickAt(0.3);
    const late = await clickAt(0.8);
    expect(late.frame).toBeGreaterThan(early.frame);
    expect(await page.evaluate(() => (window as any).wirescene.player.playing)).toBe(false);
    expect(Number(await graph.getAttribute('aria-valuenow'))).toBeCloseTo(late.us / 1000, 6);
    // Keyboard: ← on the focused graph goes to an earlier segment of the connection, not past the start.
    await graph.focus();
    await page.keyboard.press('ArrowLeft');
    await drawn();
    expect(await frame()).toBeLessThan(late.frame);
  });
});
