import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { serveDir } from './support/server';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveDir>>;
let page: Page;
const errors: string[] = [];

/** Keeps every WebGL context the page creates, so the test can lose and restore them all, as a GPU reset does. */
const keepContexts = `
  window.__glContexts = new Set();
  const get = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    const ctx = get.call(this, type, ...rest);
    if (ctx && /webgl/.test(type)) window.__glContexts.add(ctx);
    return ctx;
  };
`;

/** The element's 2D canvas, every pixel (threshold 0), as a fingerprint. */
const picture = () =>
  page.locator('wire-scene').evaluate(async (e) => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const c = e.shadowRoot!.querySelector('canvas')!;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let h = 0x811c9dc5;
    for (let i = 0; i < data.length; i++) h = Math.imul(h ^ data[i], 0x01000193);
    return `${c.width}x${c.height}:${(h >>> 0).toString(16)}`;
  });

/** Loses (or restores) every live WebGL context of the page and waits until it is so; Pixi's probe context was lost on purpose at start-up and is left alone. */
const contexts = (action: 'loseContext' | 'restoreContext') =>
  page.evaluate(async (action) => {
    const w = window as any;
    w.__live ??= ([...w.__glContexts] as WebGL2RenderingContext[]).filter((gl) => !gl.isContextLost()).map((gl) => ({ gl, ext: gl.getExtension('WEBGL_lose_context')! }));
    const live = w.__live as { gl: WebGL2RenderingContext; ext: WEBGL_lose_context }[];
    for (const { ext } of live) ext[action]();
    const lost = action === 'loseContext';
    for (let i = 0; i < 200 && live.some(({ gl }) => gl.isContextLost() !== lost); i++) await new Promise((r) => setTimeout(r, 10));
    return live.filter(({ gl }) => gl.isContextLost() === lost).length;
  }, action);

beforeAll(async () => {
  if (!existsSync('dist/element/wire-scene.js')) throw new Error('dist/element/wire-scene.js is missing: run `npm run build` first (npm test does).');
  server = await serveDir('dist');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 900, height: 800 } });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(keepContexts);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('<wire-scene> and the shared WebGL context', () => {
  it('lost and restored while paused: the picture never goes blank, and a seek made meanwhile is drawn on restore, pixel for pixel', async () => {
    await page.route('**/plain.html', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><body style="margin:0"><script type="module" src="/element/wire-scene.js"></script><wire-scene scenario="https" t="2" style="width:720px"></wire-scene></body>' }),
    );
    await page.goto(`${server.url}/plain.html`);
    await page.locator('wire-scene').evaluate((e: any) => e.ready);
    const atTwo = await picture();
    await page.locator('wire-scene').evaluate((e: any) => (e.currentTime = 5.8));
    const atFive = await picture();
    expect(atFive).not.toBe(atTwo);

    expect(await contexts('loseContext')).toBeGreaterThan(0);
    expect(await picture()).toBe(atFive); // the last picture stays while the GPU is gone
    await page.locator('wire-scene').evaluate((e: any) => (e.currentTime = 2));
    expect(await picture()).toBe(atFive);
    expect(await contexts('restoreContext')).toBeGreaterThan(0);
    expect(await picture()).toBe(atTwo); // redrawn by the element itself, captions included

    // A second loss, no action at all: the same picture before, during and after.
    await contexts('loseContext');
    await contexts('restoreContext');
    expect(await picture()).toBe(atTwo);
    expect(await page.locator('wire-scene').evaluate((e: any) => e.paused)).toBe(true);
    expect(errors).toEqual([]);
  });
});
