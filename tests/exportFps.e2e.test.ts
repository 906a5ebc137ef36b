import { existsSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkSeconds } from '../src/controls/hash';
import { pixelHash } from '../src/render/pixels';
import { launchChromium } from './support/browser';
import { serveDir } from './support/server';

// Export and page share one evaluator and one notion of time. Export frame n is the moment
// from + n/fps; where that is also a page frame k (k/60 s: every frame at 30 and 60 fps,
// every other one at 24) the exported PNG and the page's canvas opened at a link to that
// moment are the same pixels. The other 24 fps frames lie between two page frames and
// match neither (a frame snapped to the page's grid would judder).
const FROM_FRAME = 210; // 3.5 s into the handshake: the client's ACK is crossing the link
const RANGE_S = 0.25;

let browser: Browser;
let server: Awaited<ReturnType<typeof serveDir>>;
let page: Page;

beforeAll(async () => {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  server = await serveDir('dist');
  browser = await launchChromium();
  // Embed mode fits the largest 16:9 canvas above its bar (111 px at this width): 320 × 180 CSS pixels at DPR 1, the export's size.
  page = await browser.newPage({ viewport: { width: 320, height: 300 }, deviceScaleFactor: 1, colorScheme: 'dark' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const link = (frame: number) => `#scenario=https&t=${linkSeconds(frame / 60)}&embed=1`;

/** The page's canvas at a page frame, reached by following a link to that moment. */
async function canvasAt(frame: number, fresh: boolean): Promise<string> {
  if (fresh) {
    await page.goto('about:blank');
    await page.goto(`${server.url}/index.html${link(frame)}`);
    await page.waitForFunction(() => (window as any).wirescene?.stats.framesDrawn > 0, undefined, { timeout: 30_000 });
  } else {
    await page.evaluate((hash) => {
      location.hash = hash;
    }, link(frame));
  }
  await page.waitForFunction((k) => (window as any).wirescene.player.frame === k, frame, { timeout: 20_000 });
  return page.evaluate(() => (window as any).wirescene.pixelHash() as string);
}

/** The page's own PNG export of [from, from + RANGE_S) at `fps`: each frame's pixel hash. */
async function exportFrames(fps: number): Promise<{ zip: Uint8Array; hashes: string[] }> {
  const base64: string = await page.evaluate(
    async ([fps, fromS, toS]) => {
      const bytes: Uint8Array = await (window as any).wirescene.record({ format: 'png', width: 320, height: 180, fps, fromS, toS });
      let s = '';
      for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    },
    [fps, FROM_FRAME / 60, FROM_FRAME / 60 + RANGE_S],
  );
  const zip = new Uint8Array(Buffer.from(base64, 'base64'));
  const files = unzipSync(zip);
  const names = Object.keys(files).sort();
  const hashes = names.map((name) => {
    const png = PNG.sync.read(Buffer.from(files[name]));
    expect([png.width, png.height], name).toEqual([320, 180]);
    return pixelHash(new Uint8Array(png.data));
  });
  return { zip, hashes };
}

describe('an export at 24, 30 and 60 fps against links to the same moments', () => {
  it.each([24, 30, 60])('at %i fps, every export frame on the page grid is the page opened at that link, pixel for pixel', { timeout: 300_000 }, async (fps) => {
    // The page opened fresh at the range's first moment; the export runs in it.
    const first = await canvasAt(FROM_FRAME, true);
    const { zip, hashes } = await exportFrames(fps);
    expect(hashes).toHaveLength(Math.round(RANGE_S * fps));
    expect(hashes[0]).toBe(first);
    const step = 60 / fps;
    let compared = 1;
    for (let n = 1; n < hashes.length; n++) {
      const k = FROM_FRAME + n * step;
      if (Number.isInteger(k)) {
        expect(hashes[n], `export frame ${n} at ${fps} fps = page frame ${k}`).toBe(await canvasAt(k, false));
        compared++;
      } else {
        // Halfway between two page frames: sprites stand between, so it is neither picture.
        const before = await canvasAt(Math.floor(k), false);
        const after = await canvasAt(Math.ceil(k), false);
        expect(before).not.toBe(after);
        expect(hashes[n], `export frame ${n} at ${fps} fps is between page frames ${Math.floor(k)} and ${Math.ceil(k)}`).not.toBe(before);
        expect(hashes[n]).not.toBe(after);
      }
    }
    expect(compared).toBe(fps === 24 ? Math.ceil(hashes.length / 2) : hashes.length);
    // The same export again is the same bytes.
    expect(Buffer.from((await exportFrames(fps)).zip).equals(Buffer.from(zip))).toBe(true);
  });
});
