import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { firstFrame, strictSite } from './support/strictPolicy';

let site: Awaited<ReturnType<typeof strictSite>>;
/** Host pages, served with the policy; a test adds one (the server reads this object per request). */
const hostPages: Record<string, string> = {};
beforeAll(async () => {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  // Host pages as a CMS would write them: the player in a frame sandboxed without allow-same-origin.
  const frame = (src: string) => `<!doctype html><title>host</title><p>My post</p><iframe sandbox="allow-scripts" src="${src}" width="1280" height="900" title="wirescene"></iframe>`;
  hostPages['/sandboxed.html'] = frame('/index.html#scenario=https&t=3.00');
  hostPages['/sandboxed-embed.html'] = frame('/embed.html#t=3.00');
  site = await strictSite(hostPages);
});
afterAll(() => site?.close());

/** No violation and no page error since the last call. */
async function clean() {
  await site.settle();
  const found = [...site.violations, ...site.errors];
  site.violations.length = 0;
  site.errors.length = 0;
  expect(found).toEqual([]);
}

describe('under a strict Content-Security-Policy with Trusted Types', () => {
  it('the app starts, draws with WebGL, plays, and its panels, dialogs, downloads and exports work', async () => {
    const { page, server } = site;
    await page.goto(`${server.url}/index.html#scenario=https&t=5.80`);
    await firstFrame(page);
    expect(await page.evaluate(() => (window as any).wirescene.view.rendererName)).toBe('webgl');
    expect(await page.locator('#notice').isHidden()).toBe(true);
    await page.keyboard.press('Space');
    await page.waitForTimeout(400);
    await page.keyboard.press('Space');
    await page.keyboard.press('?');
    expect(await page.locator('#help').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Light theme' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.getByText('show decrypted').first().click({ timeout: 2000 }).catch(() => undefined);
    const [capture] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download capture/ }).click()]);
    expect(capture.suggestedFilename()).toBe('wirescene-https.pcapng');
    await page.getByRole('button', { name: 'export' }).click();
    const dialog = page.locator('#export-dialog');
    await expect.poll(() => dialog.locator('[role=status]').innerText(), { timeout: 15_000 }).toBe('ready');
    await page.keyboard.press('Escape');
    // Every exporter (lazy chunks, WebCodecs, the GIF and zip writers) runs under the policy too.
    for (const format of ['webm', 'mp4', 'gif', 'png']) {
      const bytes = await page.evaluate(
        (format) => (window as any).wirescene.record({ format, width: 320, height: 180, fps: 24, fromS: 1, toS: 1.2, overlays: { caption: true, chapter: true, timestamp: true, card: true } }).then((b: Uint8Array) => b.length),
        format,
      );
      expect(bytes, format).toBeGreaterThan(100);
    }
    await clean();
  });

  it('embed.html opens the page in embed mode', async () => {
    const { page, server } = site;
    await page.goto(`${server.url}/embed.html#t=2.00`);
    await firstFrame(page);
    expect(await page.evaluate(() => location.hash)).toBe('#scenario=https&t=2.00&embed=1');
    await clean();
  });

  it('the copied embed code, pasted into a page under the same policy, shows that moment framed with no border and no violation', async () => {
    const { page, server } = site;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(`${server.url}/index.html#scenario=lost-syn&t=4.00`);
    await firstFrame(page);
    await page.getByRole('button', { name: 'copy embed code' }).click();
    const code = await page.evaluate(() => navigator.clipboard.readText());
    expect(code).toMatch(/^<iframe [^>]*><\/iframe>$/);
    expect(code).not.toMatch(/\sstyle=/); // style-src without 'unsafe-inline' would drop it, with a report
    // A docs page as its author would paste it: the snippet in the body, the site's strict header on the page.
    hostPages['/pasted.html'] = `<!doctype html><html lang="en"><title>My post</title><h1>How a lost SYN costs a second</h1>${code}<p>After the frame.</p></html>`;
    await page.goto(`${server.url}/pasted.html`);
    await expect.poll(() => page.frames().length).toBe(2);
    const frame = page.frames()[1];
    await firstFrame(frame);
    expect(await frame.evaluate(() => location.hash)).toBe('#scenario=lost-syn&t=4.00&embed=1');
    expect(await frame.evaluate(() => (window as any).wirescene.player.frame)).toBe(240);
    const box = await page.locator('iframe').evaluate((f) => {
      const css = getComputedStyle(f);
      return { width: f.clientWidth, height: f.clientHeight, border: [css.borderTopWidth, css.borderRightWidth, css.borderBottomWidth, css.borderLeftWidth] };
    });
    expect(box).toEqual({ width: 720, height: 501, border: ['0px', '0px', '0px', '0px'] });
    // The embed page fills the frame: the 16:9 canvas spans its width, the whole bar fits below it, nothing scrolls.
    const inside = await frame.evaluate(() => ({
      canvas: [document.querySelector('#canvas-host canvas')!.getBoundingClientRect()].map((r) => `${r.width}x${r.height}`)[0],
      bottom: Math.max(...[...document.querySelectorAll('body *')].filter((e) => e.getClientRects().length).map((e) => e.getBoundingClientRect().bottom)),
      scrolls: document.scrollingElement!.scrollHeight > innerHeight,
    }));
    expect(inside.canvas).toBe('720x405');
    expect(inside.bottom).toBeLessThanOrEqual(501);
    expect(inside.scrolls).toBe(false);
    await frame.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => frame.evaluate(() => (window as any).wirescene.player.frame)).toBeGreaterThan(260);
    await clean();
  });

  it('the article page runs with no violation while it is read', async () => {
    const { page, server } = site;
    await page.goto(`${server.url}/article.html`);
    await page.waitForLoadState('load');
    await page.mouse.wheel(0, 2000);
    await page.waitForTimeout(1000);
    await clean();
  });
});

describe('in <iframe sandbox="allow-scripts"> (no storage, clipboard, full screen or downloads)', () => {
  /** The player's frame inside a host page, drawn. */
  async function sandboxed(path: string): Promise<Frame> {
    const { page, server } = site;
    await page.goto(`${server.url}${path}`);
    await expect.poll(() => page.frames().length).toBe(2);
    const frame = page.frames()[1];
    await firstFrame(frame);
    expect(await frame.evaluate(() => self.origin)).toBe('null'); // opaque: localStorage throws here
    return frame;
  }
  const notice = (frame: Frame) => frame.locator('#notice').innerText();

  it('the player plays; each lost feature says so where it was asked for, and nothing throws', async () => {
    const frame = await sandboxed('/sandboxed.html');
    expect(await frame.evaluate(() => (window as any).wirescene.view.rendererName)).toBe('webgl');
    expect(await frame.evaluate(() => (window as any).wirescene.player.frame)).toBe(180);
    await frame.locator('#play').click();
    await expect.poll(() => frame.evaluate(() => (window as any).wirescene.player.frame)).toBeGreaterThan(200);
    await frame.locator('#play').click();
    // Pausing writes the moment into the hash (history.replaceState works in an opaque origin).
    await expect.poll(() => frame.evaluate(() => location.hash)).not.toBe('#scenario=https&t=3.00');

    await frame.getByRole('button', { name: 'Light theme' }).click();
    expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await notice(frame)).toContain('cannot keep settings here');
    await frame.locator('#reduced-motion').click();
    expect(await notice(frame)).toContain('cannot keep settings here');
    expect(await notice(frame)).toContain('Reduced motion is on');

    await frame.getByRole('button', { name: 'copy link' }).click();
    await expect.poll(() => notice(frame)).toMatch(/^Copy this link: http:\/\/127\.0\.0\.1:\d+\/index\.html#scenario=https&t=/);

    await frame.locator('body').press('f');
    await expect.poll(() => notice(frame)).toContain('Full screen is not allowed here');

    await frame.getByRole('button', { name: /Download capture/ }).click();
    await expect.poll(() => notice(frame)).toContain('does not allow downloads');

    await frame.getByRole('button', { name: 'export' }).click();
    const dialog = frame.locator('#export-dialog');
    await expect.poll(() => dialog.locator('[role=status]').innerText(), { timeout: 15_000 }).toBe('ready');
    await dialog.locator('select').first().selectOption({ label: 'PNG image (this moment)' });
    await dialog.getByRole('button', { name: 'Export' }).click();
    await expect.poll(() => dialog.locator('[role=status]').innerText(), { timeout: 60_000 }).toBe('done');
    expect(await dialog.innerText()).toContain('does not allow downloads');
    await dialog.getByRole('button', { name: 'copy command' }).click();
    expect(await dialog.getByRole('button', { name: 'select and copy it' }).count()).toBe(1);
    await clean();
  });

  it('the embed page plays in a sandboxed frame', async () => {
    const frame = await sandboxed('/sandboxed-embed.html');
    expect(await frame.evaluate(() => location.hash)).toBe('#scenario=https&t=3.00&embed=1');
    expect(await frame.locator('#notice').isHidden()).toBe(true);
    await clean();
  });
});
