import chromium from '@sparticuz/chromium';
import { chromium as playwright } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { server, setupAppPage } from './support/appPage';

setupAppPage();

describe('without WebGL', () => {
  it('missing altogether: the Canvas renderer draws and a small notice says why', async () => {
    const browser = await playwright.launch({ executablePath: await chromium.executablePath(), args: [...chromium.args, '--disable-webgl', '--disable-3d-apis'], headless: true });
    try {
      const p = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));
      await p.goto(`${server.url}/index.html#scenario=https&t=5.80`);
      await p.waitForFunction(() => (window as any).wirescene?.stats.framesDrawn > 0, undefined, { timeout: 60_000 });
      expect(await p.evaluate(() => (window as any).wirescene.view.rendererName)).toBe('canvas');
      expect(await p.locator('#notice').innerText()).toContain('WebGL is not available in this browser');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
