import { describe, expect, it } from 'vitest';
import { drawn, open, page, setupAppPage } from './support/appPage';
import { compareWithGolden } from './support/golden';

setupAppPage();

describe('layout and preferences', () => {
  it('resizes the canvas with the window, keeping it sharp', async () => {
    await open();
    await page.setViewportSize({ width: 700, height: 900 });
    await drawn();
    await drawn();
    const size = await page.evaluate(() => {
      const c = document.querySelector('#canvas-host canvas') as HTMLCanvasElement;
      return { css: c.getBoundingClientRect().width, buffer: c.width, dpr: devicePixelRatio };
    });
    expect(size.css).toBeLessThan(700);
    expect(size.buffer).toBe(Math.round(size.css * size.dpr));
    await page.setViewportSize({ width: 1360, height: 1000 });
  });
  it('fits a 360 px phone: canvas on top, collapsible panels below (screenshot golden)', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await open('#t=5.80');
      await drawn();
      const canvas = (await page.locator('#canvas-host canvas').boundingBox())!;
      const inspector = (await page.locator('#inspector').boundingBox())!;
      expect(canvas.width).toBeLessThanOrEqual(360);
      expect(inspector.y).toBeGreaterThan(canvas.y + canvas.height);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360); // no sideways scrolling
      const png = await page.screenshot({ animations: 'disabled', caret: 'hide' });
      const result = compareWithGolden('narrow-360', png.toString('base64'), 0);
      expect(result.status, result.message).not.toBe('mismatch');
      expect(result.status, result.message).not.toBe('missing');
      await page.locator('.panel > summary', { hasText: 'packet inspector' }).click();
      expect(await page.locator('#inspector').isVisible()).toBe(false);
    } finally {
      await page.setViewportSize({ width: 1360, height: 1000 });
    }
  });
  it('stays sharp at devicePixelRatio 3', async () => {
    // One page only (the npm Chromium is single-process): emulate the density through CDP.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 800, height: 700, deviceScaleFactor: 3, mobile: false });
    try {
      await open('#t=2.00');
      const size = await page.evaluate(() => {
        const c = document.querySelector('#canvas-host canvas') as HTMLCanvasElement;
        return { css: c.getBoundingClientRect().width, buffer: c.width, dpr: devicePixelRatio };
      });
      expect(size.dpr).toBe(3);
      expect(size.buffer).toBe(Math.round(size.css * 3));
    } finally {
      await cdp.send('Emulation.clearDeviceMetricsOverride');
      await cdp.detach();
    }
  });
  it('follows prefers-reduced-motion: packets appear where they land, it says so, and a toggle turns it off', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    try {
      await open();
      expect(await page.locator('#reduced-motion').isChecked()).toBe(true);
      expect(await page.locator('#notice').innerText()).toContain('Reduced motion is on');
      expect(await page.evaluate(() => (window as any).wirescene.player.playing)).toBe(false); // no autoplay
      const syn = await page.evaluate(() => (window as any).wirescene.model.plan.flights[0]);
      const viewAt = (s: number) =>
        page.evaluate((f) => {
          const w = (window as any).wirescene;
          w.player.seek(f);
          return w.frameView().flights.map((x: any) => x.progress);
        }, Math.round(s * 60));
      expect(await viewAt((syn.startS + syn.endS) / 2)).toEqual([]);
      expect(await viewAt(syn.endS - 0.1)).toEqual([1]);
      await page.locator('#reduced-motion').uncheck();
      expect(await viewAt((syn.startS + syn.endS) / 2)).toHaveLength(1);
      expect((await viewAt((syn.startS + syn.endS) / 2))[0]).toBeLessThan(1);
      expect(await page.locator('#notice').isHidden()).toBe(true);
    } finally {
      await page.evaluate(() => localStorage.clear());
      await page.emulateMedia({ reducedMotion: 'no-preference' });
    }
  });
  it('follows the system colour scheme until a theme is chosen, then keeps the choice', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    try {
      await open('#t=9.00');
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
      const lightPixels = await page.evaluate(() => (window as any).wirescene.pixelHash());
      await page.getByRole('button', { name: 'Dark theme' }).click();
      await drawn();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      expect(await page.evaluate(() => (window as any).wirescene.player.frame)).toBe(540); // the moment is kept
      expect(await page.evaluate(() => (window as any).wirescene.pixelHash())).not.toBe(lightPixels);
      await open('#t=9.00');
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark'); // saved choice wins
    } finally {
      await page.evaluate(() => localStorage.clear());
      await page.emulateMedia({ colorScheme: 'dark' });
    }
  });
});
