import { describe, expect, it } from 'vitest';
import { open, page, setupAppPage } from './support/appPage';

setupAppPage();

// bulk-100k (over 100,000 packets) takes seconds to simulate: the app loads it in slices
// behind a progress bar, and meanwhile the page keeps drawing and answering clicks.
describe('loading a 100,000-packet scenario', () => {
  it('shows progress, keeps the page responsive while it loads, then plays', { timeout: 900_000 }, async () => {
    await open('#scenario=https');
    // A rAF loop that records the longest gap between frames, from before the pick until the load ends.
    await page.evaluate(() => {
      const w = window as any;
      w.__frames = { count: 0, longestGapMs: 0, last: performance.now(), run: true };
      const tick = (now: number) => {
        const f = w.__frames;
        f.count++;
        f.longestGapMs = Math.max(f.longestGapMs, now - f.last);
        f.last = now;
        if (f.run) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.locator('#scenario').selectOption('bulk-100k', { timeout: 120_000 }); // generous: two shared cores under load

    // A progress bar over the canvas, moving, with a status line that names what it is doing.
    const loading = page.locator('#loading');
    await expect.poll(() => loading.isVisible(), { timeout: 120_000 }).toBe(true);
    await expect.poll(() => page.locator('#loading .loading-status').innerText(), { timeout: 120_000 }).toMatch(/Simulating the network: [\d,]+ packets so far/);
    const first = await page.locator('#loading progress').evaluate((p: HTMLProgressElement) => p.value);
    await expect.poll(() => page.locator('#loading progress').evaluate((p: HTMLProgressElement) => p.value), { timeout: 300_000 }).toBeGreaterThan(first);

    // The page answers while it loads: the shortcuts panel opens on a click, and closes again.
    expect(await loading.isVisible()).toBe(true);
    await page.locator('#help-button').click({ timeout: 60_000 });
    await expect.poll(() => page.locator('#help').evaluate((d: HTMLDialogElement) => d.open), { timeout: 60_000 }).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#help').evaluate((d: HTMLDialogElement) => d.open), { timeout: 60_000 }).toBe(false);
    const midway = await page.evaluate(() => (window as any).__frames.count as number);
    expect(await loading.isVisible()).toBe(true);

    // Loaded: the bar goes, the title and the picker name it, the canvas draws it.
    await expect.poll(() => page.evaluate(() => (window as any).wirescene?.model.scenario.id), { timeout: 900_000, interval: 1000 }).toBe('bulk-100k');
    const frames = await page.evaluate(() => {
      const f = (window as any).__frames;
      f.run = false;
      return { count: f.count, longestGapMs: f.longestGapMs };
    });
    expect(await loading.isVisible()).toBe(false);
    expect(await page.locator('#title').innerText()).toMatch(/100,000 packets/);
    expect(await page.locator('#scenario').inputValue()).toBe('bulk-100k');
    expect(await page.evaluate(() => (window as any).wirescene.model.sim.packets.length)).toBeGreaterThan(100_000);
    // rAF kept ticking through the load (a frozen page would run none between the pick and the end).
    expect(frames.count).toBeGreaterThan(midway);
    expect(frames.count).toBeGreaterThan(20);
    console.log(`bulk-100k load: ${frames.count} animation frames, longest gap ${Math.round(frames.longestGapMs)} ms`);

    // And it plays.
    const before = await page.evaluate(() => (window as any).wirescene.player.frame as number);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.evaluate(() => (window as any).wirescene.player.frame as number), { timeout: 30_000 }).toBeGreaterThan(before + 10);
    await page.getByRole('button', { name: 'Pause' }).click();
  });
});
