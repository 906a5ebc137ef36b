import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { serveDir } from './support/server';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveDir>>;
let page: Page;
const errors: string[] = [];

/** A plain page, as a blog would have it: one script tag and the element. */
const plainPage = (element: string) => `<!doctype html><html><body style="margin:0;background:#fff">
<h1>My post</h1>
<script type="module" src="/element/wire-scene.js"></script>
${element}
</body></html>`;

async function openPlain(element: string): Promise<void> {
  await page.route('**/plain.html', (route) => route.fulfill({ contentType: 'text/html', body: plainPage(element) }));
  await page.goto('about:blank');
  await page.goto(`${server.url}/plain.html`);
  await page.waitForFunction(() => !!document.querySelector('wire-scene')?.shadowRoot?.querySelector('canvas'));
  await page.unroute('**/plain.html');
}

beforeAll(async () => {
  if (!existsSync('dist/element/wire-scene.js')) throw new Error('dist/element/wire-scene.js is missing: run `npm run build` first (npm test does).');
  server = await serveDir('dist');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 900, height: 800 } });
  page.on('pageerror', (e) => errors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('<wire-scene> on a plain page', () => {
  it('renders at its t, with controls, and plays, pauses and seeks from script with events', async () => {
    errors.length = 0;
    await openPlain('<wire-scene scenario="https" t="1.2" controls loop style="width:720px"></wire-scene>');
    const el = page.locator('wire-scene');
    expect(await el.evaluate((e: any) => e.currentTime)).toBe(1.2);
    expect(await el.evaluate((e: any) => e.duration)).toBeGreaterThan(10);
    expect(await page.getByRole('button', { name: 'Play' }).isVisible()).toBe(true); // inside the shadow root
    const box = (await el.locator('canvas').boundingBox())!;
    expect(Math.round(box.width)).toBe(720);
    const events = await el.evaluate(async (e: any) => {
      const seen: string[] = [];
      let updates = 0;
      e.addEventListener('play', () => seen.push('play'));
      e.addEventListener('pause', () => seen.push('pause'));
      e.addEventListener('timeupdate', () => updates++);
      e.play();
      await new Promise((r) => setTimeout(r, 600));
      e.pause();
      const afterPlay = e.currentTime;
      e.seek(2.5);
      return { seen, updates, afterPlay, now: e.currentTime, paused: e.paused };
    });
    expect(events.seen).toEqual(['play', 'pause']);
    expect(events.updates).toBeGreaterThan(5);
    expect(events.afterPlay).toBeGreaterThan(1.2);
    expect(events.now).toBe(2.5);
    expect(events.paused).toBe(true);
    await el.evaluate((e) => e.setAttribute('t', '4'));
    expect(await el.evaluate((e: any) => e.currentTime)).toBe(4);
    expect(errors).toEqual([]);
  });

  it('names an unknown scenario and falls back to the default', async () => {
    errors.length = 0;
    await openPlain('<wire-scene scenario="nope"></wire-scene>');
    const text = await page.locator('wire-scene').evaluate((e) => e.shadowRoot!.querySelector('.error')!.textContent);
    expect(text).toContain('Unknown scenario "nope"');
    expect(await page.locator('wire-scene .bar').isHidden()).toBe(true); // no controls attribute, no bar
    expect(errors).toEqual([]);
  });
});
