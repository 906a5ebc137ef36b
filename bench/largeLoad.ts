import { launchChromium } from '../tests/support/browser';
import { serveDir } from '../tests/support/server';
import { round } from './stats';

/**
 * bulk-100k in the page (issue #11's target: first drawn frame ≤ 3 s after navigation, a
 * progress bar before it): navigation to the progress bar, to the first drawn frame, and how
 * long the page went without an animation frame meanwhile (a rAF loop started by the page's
 * first script would see a frozen page as one long gap).
 */
export async function largeLoadFigures(url: string) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    // A string, not a function: tsx (esbuild keepNames) would wrap the named tick in __name(), which the page lacks.
    await page.addInitScript(`
      window.__load = { frames: 0, longestGapMs: 0, last: 0, progressMs: undefined };
      const tick = (now) => {
        const f = window.__load;
        if (f.last) f.longestGapMs = Math.max(f.longestGapMs, now - f.last);
        f.last = now;
        f.frames++;
        if (f.progressMs === undefined && document.querySelector('#loading:not([hidden])')) f.progressMs = now;
        // Until bulk-100k itself is drawn (window.wirescene exists earlier, from the page's first scenario).
        const s = window.wirescene;
        if (!(s && s.model.sim.packets.length > 100000 && s.stats.framesDrawn > 0)) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    `);
    await page.goto(`${url}/index.html#scenario=bulk-100k`);
    await page.waitForFunction(() => (window as any).wirescene?.model?.sim?.packets?.length > 100_000 && (window as any).wirescene.stats.framesDrawn > 0, undefined, { timeout: 1_800_000, polling: 1000 });
    const f = await page.evaluate(() => ({ ...(window as any).__load, firstFrameMs: performance.getEntriesByName('wirescene:first-frame')[0].startTime, packets: (window as any).wirescene.model.sim.packets.length }));
    return {
      packets: f.packets,
      progressShownMs: f.progressMs === undefined ? null : round(f.progressMs, 1),
      firstFrameMs: { value: round(f.firstFrameMs, 1), target: '≤ 3000' },
      animationFramesWhileLoading: f.frames,
      longestFrameGapMs: round(f.longestGapMs, 1),
      method: 'navigation to #scenario=bulk-100k: simulate and schedule in slices on the main thread (pure-JS AES-GCM in the page for the handshake and small records; the response body\'s records are sealed only when read, and our client takes their plaintext unopened), the progress bar over the canvas; gaps between animation frames meanwhile',
    };
  } finally {
    await browser.close();
  }
}

// npx tsx bench/largeLoad.ts: this figure alone, on the built dist/ (the whole bench takes many minutes).
if (process.argv[1]?.endsWith('largeLoad.ts')) {
  const server = await serveDir('dist');
  try {
    console.log(JSON.stringify(await largeLoadFigures(server.url), null, 2));
  } finally {
    await server.close();
  }
}
