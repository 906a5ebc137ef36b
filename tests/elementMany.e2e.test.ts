import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageScenarioIds } from '../src/sim/scenarios';
import { launchChromium } from './support/browser';
import { serveDir } from './support/server';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveDir>>;

/** Keeps every WebGL context the page creates (a canvas asked twice returns the same one); the test counts those still live. */
const countContexts = `
  window.__glContexts = new Set();
  const get = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    const ctx = get.call(this, type, ...rest);
    if (ctx && /webgl/.test(type)) window.__glContexts.add(ctx);
    return ctx;
  };
`;

const ids = pageScenarioIds();
/** Twenty elements: every page scenario, each element at its own moment, in a column taller than the window. */
const twenty = Array.from({ length: 20 }, (_, i) => ({ id: ids[i % ids.length], t: Math.round((1 + i * 0.37) * 100) / 100 }));
const pageOf = (items: { id: string; t: number }[]) => `<!doctype html><html><body style="margin:0">
<script type="module" src="/element/wire-scene.js"></script>
${items.map((x) => `<wire-scene scenario="${x.id}" t="${x.t}" style="width:480px;margin:8px"></wire-scene>`).join('\n')}
</body></html>`;

async function open(page: Page, items: { id: string; t: number }[]): Promise<void> {
  await page.route('**/many.html', (route) => route.fulfill({ contentType: 'text/html', body: pageOf(items) }));
  await page.goto(`${server.url}/many.html`);
  await page.evaluate(() => Promise.all([...document.querySelectorAll('wire-scene')].map((e: any) => e.ready)));
}

/** Scrolls each element into view in turn and fingerprints its canvas once it has drawn. */
const pictures = (page: Page) =>
  page.evaluate(async () => {
    const out: { hash: string; label: string }[] = [];
    for (const e of document.querySelectorAll('wire-scene')) {
      e.scrollIntoView();
      const c = e.shadowRoot!.querySelector('canvas')!;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let h = 0x811c9dc5;
      for (let i = 0; i < data.length; i++) h = Math.imul(h ^ data[i], 0x01000193);
      out.push({ hash: `${c.width}x${c.height}:${(h >>> 0).toString(16)}`, label: c.getAttribute('aria-label') ?? '' });
    }
    return out;
  });

beforeAll(async () => {
  if (!existsSync('dist/element/wire-scene.js')) throw new Error('dist/element/wire-scene.js is missing: run `npm run build` first (npm test does).');
  server = await serveDir('dist');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('twenty <wire-scene> elements on one page', () => {
  it('each shows its own scenario and moment, the same pixels as alone, with one WebGL context and no warning', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    const messages: string[] = [];
    // The test's own getImageData calls draw Chrome's willReadFrequently hint; anything else is the element's.
    page.on('console', (m) => !m.text().includes('willReadFrequently') && messages.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
    await page.addInitScript(countContexts);
    await open(page, twenty);
    const crowd = await pictures(page);
    // Play them all for a moment: every element runs its own clock through the one renderer.
    await page.evaluate(async () => {
      const els = [...document.querySelectorAll('wire-scene')] as any[];
      await Promise.all(els.map((e) => e.play()));
      await new Promise((r) => setTimeout(r, 500));
      els.forEach((e, i) => {
        e.pause();
        e.currentTime = Math.round((1 + i * 0.37) * 100) / 100;
      });
    });
    const afterPlay = await pictures(page);
    const contexts = await page.evaluate(() => [...(window as any).__glContexts].filter((gl) => !gl.isContextLost()).length);

    // Oracle: each scenario and moment drawn by a page that holds only that element.
    // (No page.close(): the pinned Chromium runs single-process and closing a page's context ends it.)
    const alone = await browser.newPage({ viewport: { width: 900, height: 700 } });
    const expected: string[] = [];
    for (const item of twenty.slice(0, ids.length)) {
      await open(alone, [item]);
      expected.push((await pictures(alone))[0].hash);
    }
    await alone.addInitScript(countContexts);
    await open(alone, twenty.slice(0, 1));
    const contextsAlone = await alone.evaluate(() => [...(window as any).__glContexts].filter((gl) => !gl.isContextLost()).length);

    // The shared renderer's, plus the one Pixi keeps to probe shader limits (getTestContext): the same for one element or twenty.
    expect(contexts).toBe(2);
    expect(contextsAlone).toBe(contexts);
    expect(messages.filter((m) => /WebGL|error|warn/i.test(m))).toEqual([]);
    for (let i = 0; i < twenty.length; i++) {
      expect(crowd[i].label.length, `element ${i} names its picture`).toBeGreaterThan(10);
      expect(afterPlay[i].hash, `element ${i} after playing and seeking back`).toBe(crowd[i].hash);
    }
    for (let i = 0; i < expected.length; i++) expect(crowd[i].hash, `element ${i} (${twenty[i].id} at ${twenty[i].t} s) as drawn alone`).toBe(expected[i]);
    // No element shows another's picture: twenty scenario-and-moment pairs, twenty different pictures.
    expect(new Set(crowd.map((p) => p.hash)).size).toBe(twenty.length);
  }, 300_000);
});
