import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium } from './browser';
import { serveDir } from './server';

/** The built page in the pinned Chromium, shared by the tests of one file (live bindings). */
export let browser: Browser;
export let server: Awaited<ReturnType<typeof serveDir>>;
export let page: Page;
let pageErrors: string[] = [];

/** Call once at the top of a test file: serves dist/, opens one page, fails a test on page errors. */
export function setupAppPage(): void {
  beforeAll(async () => {
    if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
    server = await serveDir('dist');
    browser = await launchChromium();
    // One page for the file: the npm Chromium runs --single-process and exits with its last page.
    page = await browser.newPage({ viewport: { width: 1360, height: 1000 }, colorScheme: 'dark' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // alert()/confirm() from the page would mean a link or scenario ran as script.
    page.on('dialog', (d) => {
      pageErrors.push(`a dialog opened: ${d.message()}`);
      void d.dismiss();
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });
}

/** Loads index.html with a hash from scratch and waits for the first drawn frame. */
export async function open(hash = ''): Promise<Page> {
  pageErrors = [];
  await page.goto('about:blank');
  await page.goto(`${server.url}/index.html${hash}`);
  await page.waitForFunction(() => (window as any).wirescene?.stats.framesDrawn > 0);
  return page;
}

/** The plan's flight with this label: the frame of its middle, its packet, and the last frame. */
export const flightMiddle = (label: string) =>
  page.evaluate((label) => {
    const { model } = (window as any).wirescene;
    const f = model.plan.flights.find((x: any) => x.label === label);
    return { frame: Math.round(((f.startS + f.endS) / 2) * 60), startFrame: Math.ceil(f.startS * 60), packetId: f.packetId as number, last: model.frameCount - 1 };
  }, label);

/** Page errors (and dialogs) since the last open(). */
export const pageErrorList = (): string[] => [...pageErrors];

export const frame = () => page.evaluate(() => (window as any).wirescene.player.frame as number);
export const drawn = () => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
export const logLines = () => page.locator('#log li[data-index]').count();
export const inspectorText = () => page.locator('#inspector').innerText();
