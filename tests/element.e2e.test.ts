import { existsSync, readFileSync } from 'node:fs';
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

async function openPlain(element: string, files: Record<string, string> = {}): Promise<void> {
  await page.route('**/plain.html', (route) => route.fulfill({ contentType: 'text/html', body: plainPage(element) }));
  for (const [name, body] of Object.entries(files)) await page.route(`**/${name}`, (route) => route.fulfill({ contentType: 'application/json', body }));
  await page.goto('about:blank');
  await page.goto(`${server.url}/plain.html`);
  await page.waitForFunction(() => customElements.get('wire-scene'));
  await page.unroute('**/plain.html');
}

/** The element's canvas pixels, as a fingerprint and the top-left pixel. */
const picture = (page: Page, selector = 'wire-scene') =>
  page.locator(selector).evaluate((e) => {
    const c = e.shadowRoot!.querySelector('canvas')!;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let h = 0x811c9dc5;
    for (let i = 0; i < data.length; i++) h = Math.imul(h ^ data[i], 0x01000193);
    return { hash: (h >>> 0).toString(16), corner: [data[0], data[1], data[2]], width: c.width, height: c.height };
  });

beforeAll(async () => {
  if (!existsSync('dist/element/wire-scene.js')) throw new Error('dist/element/wire-scene.js is missing: run `npm run build` first (npm test does).');
  server = await serveDir('dist');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 900, height: 800 } });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('<wire-scene> as a media element (HTMLMediaElement names and behaviour)', () => {
  it('loads: ready resolves, readyState steps, events in order, duration, currentTime from t', async () => {
    errors.length = 0;
    await openPlain('<wire-scene scenario="https" t="0:01.20" controls style="width:720px"></wire-scene>');
    const r = await page.locator('wire-scene').evaluate(async (e: any) => {
      const seen: string[] = [];
      // Events may already have fired by now; the ready promise and readyState tell the state regardless.
      await e.ready;
      return { readyState: e.readyState, HAVE_ENOUGH_DATA: e.constructor.HAVE_ENOUGH_DATA, t: e.currentTime, d: e.duration, paused: e.paused, ended: e.ended, seen };
    });
    expect(r).toMatchObject({ readyState: 4, HAVE_ENOUGH_DATA: 4, t: 1.2, paused: true, ended: false });
    expect(r.d).toBeGreaterThan(10);
    // The load sequence itself, on an element made from script.
    const order = await page.evaluate(async () => {
      const el = document.createElement('wire-scene') as any;
      const seen: string[] = [];
      for (const t of ['loadstart', 'durationchange', 'loadedmetadata', 'loadeddata', 'canplay', 'canplaythrough', 'error']) el.addEventListener(t, () => seen.push(`${t}:${el.readyState}`));
      el.setAttribute('scenario', 'lost-syn');
      document.body.append(el);
      await el.ready;
      el.remove();
      return seen;
    });
    expect(order).toEqual(['loadstart:0', 'durationchange:1', 'loadedmetadata:1', 'loadeddata:4', 'canplay:4', 'canplaythrough:4']);
    const box = (await page.locator('wire-scene canvas').boundingBox())!;
    expect(Math.round(box.width)).toBe(720);
    expect(await page.getByRole('button', { name: 'Play' }).isVisible()).toBe(true); // inside the shadow root
    expect(errors).toEqual([]);
  });

  it('seeks with seeking → timeupdate → seeked, the picture drawn by seeked; the same picture as starting there', async () => {
    errors.length = 0;
    await openPlain('<wire-scene scenario="https" t="1.2" style="width:640px"></wire-scene>');
    await page.locator('wire-scene').evaluate((e: any) => e.ready);
    const before = await picture(page);
    const r = await page.locator('wire-scene').evaluate(async (e: any) => {
      const seen: string[] = [];
      for (const t of ['seeking', 'timeupdate', 'seeked']) e.addEventListener(t, () => seen.push(`${t}:${e.seeking}`));
      const seeked = new Promise((r) => e.addEventListener('seeked', r, { once: true }));
      e.currentTime = 5.8;
      const immediately = { t: e.currentTime, seeking: e.seeking };
      await seeked;
      return { seen, immediately, t: e.currentTime };
    });
    expect(r.seen).toEqual(['seeking:true', 'timeupdate:true', 'seeked:false']);
    expect(r.immediately).toEqual({ t: 5.8, seeking: true });
    const seekedPicture = await picture(page);
    expect(seekedPicture.hash).not.toBe(before.hash);
    // Oracle: an element that starts at 5.8 s shows the same pixels.
    await openPlain('<wire-scene scenario="https" t="5.8" style="width:640px"></wire-scene>');
    await page.locator('wire-scene').evaluate((e: any) => e.ready);
    expect((await picture(page)).hash).toBe(seekedPicture.hash);
  });

  it('play() resolves after play and playing, time runs at playbackRate, pause() fires timeupdate then pause', async () => {
    errors.length = 0;
    await openPlain('<wire-scene scenario="https" t="1" controls loop style="width:640px"></wire-scene>');
    const r = await page.locator('wire-scene').evaluate(async (e: any) => {
      // Each wait is bounded and named, so a stall on a loaded machine says where it stalled.
      const step = <T>(name: string, p: Promise<T>): Promise<T> =>
        Promise.race([p, new Promise<T>((_, no) => setTimeout(() => no(new Error(`${name} did not settle within 20 s`)), 20_000))]);
      await step('ready', e.ready);
      const seen: string[] = [];
      let updates = 0;
      for (const t of ['play', 'playing', 'pause', 'ratechange']) e.addEventListener(t, () => seen.push(t));
      e.addEventListener('timeupdate', () => updates++);
      e.playbackRate = 2;
      const p = e.play();
      const pausedAfterCall = e.paused;
      await step('play()', p);
      seen.push('resolved');
      const t0 = e.currentTime;
      const w0 = performance.now();
      await new Promise((r) => setTimeout(r, 700));
      const rate = (e.currentTime - t0) / ((performance.now() - w0) / 1000);
      e.pause();
      await new Promise((r) => setTimeout(r, 0));
      // Paused before it could play (a new element still loading): the promise rejects with AbortError.
      let rejected = '';
      const fresh = document.createElement('wire-scene') as any;
      document.body.append(fresh);
      const p2 = fresh.play();
      fresh.pause();
      await step('the fresh element\'s play()', p2.catch((err: Error) => (rejected = err.name)));
      fresh.remove();
      let bad = '';
      try {
        e.playbackRate = 0;
      } catch (err) {
        bad = (err as Error).name;
      }
      return { seen, updates, pausedAfterCall, rate, rejected, bad, buttonLabel: e.shadowRoot.querySelector('[part=play-button]').getAttribute('aria-label') };
    });
    expect(r.seen.slice(0, 5)).toEqual(['ratechange', 'play', 'playing', 'resolved', 'pause']);
    expect(r.pausedAfterCall).toBe(false);
    expect(r.updates).toBeGreaterThan(1); // one per frame shown; how many depends on the machine
    // Wall-clock sanity only (2× ± a loaded machine's slack), not a timing assertion.
    expect(r.rate).toBeGreaterThan(1);
    expect(r.rejected).toBe('AbortError');
    expect(r.bad).toBe('NotSupportedError');
    expect(r.buttonLabel).toBe('Play');
    expect(errors).toEqual([]);
  });

  it('plays to the end: timeupdate, pause, ended; ended is true; play() again starts over', async () => {
    errors.length = 0;
    await openPlain('<wire-scene scenario="lost-syn"></wire-scene>');
    const r = await page.locator('wire-scene').evaluate(async (e: any) => {
      await e.ready;
      e.currentTime = e.duration - 0.2;
      await new Promise((r) => e.addEventListener('seeked', r, { once: true }));
      const seen: string[] = [];
      for (const t of ['timeupdate', 'pause', 'ended']) e.addEventListener(t, () => seen.push(t));
      const ended = new Promise((r) => e.addEventListener('ended', r, { once: true }));
      e.playbackRate = 4;
      await e.play();
      await ended;
      const atEnd = { ended: e.ended, paused: e.paused, t: e.currentTime, d: e.duration, tail: seen.slice(-3) };
      await e.play();
      const again = { t: e.currentTime, ended: e.ended };
      e.pause();
      return { atEnd, again };
    });
    expect(r.atEnd.tail).toEqual(['timeupdate', 'pause', 'ended']);
    expect(r.atEnd).toMatchObject({ ended: true, paused: true });
    expect(r.atEnd.t).toBe(r.atEnd.d);
    expect(r.again.t).toBeLessThan(0.5);
    expect(r.again.ended).toBe(false);
  });

  it('reflects attributes both ways: t seeks, loop, controls, theme, layout; hidden hides it', async () => {
    errors.length = 0;
    await openPlain('<wire-scene scenario="https" t="2" theme="dark" style="width:480px"></wire-scene>');
    const el = page.locator('wire-scene');
    await el.evaluate((e: any) => e.ready);
    const dark = await picture(page);
    expect(dark.corner).toEqual([0x0d, 0x11, 0x17]);
    const r = await el.evaluate(async (e: any) => {
      e.loop = true;
      e.controls = true;
      const attrs = { loop: e.getAttribute('loop'), controls: e.getAttribute('controls') };
      e.setAttribute('t', '0:04.50');
      const t = e.currentTime;
      e.removeAttribute('loop');
      return { attrs, t, tProp: e.t, loop: e.loop, theme: e.theme, layout: e.layout };
    });
    expect(r).toEqual({ attrs: { loop: '', controls: '' }, t: 4.5, tProp: 4.5, loop: false, theme: 'dark', layout: 'landscape' });
    expect(await page.getByRole('group', { name: 'Playback' }).isVisible()).toBe(true);
    await el.evaluate((e: any) => (e.theme = 'light'));
    await page.waitForFunction(() => {
      const c = document.querySelector('wire-scene')!.shadowRoot!.querySelector('canvas')!;
      return c.getContext('2d')!.getImageData(0, 0, 1, 1).data[0] === 255;
    });
    expect(await el.getAttribute('theme')).toBe('light');
    await el.evaluate((e: any) => (e.layout = 'portrait'));
    await page.waitForFunction(() => {
      const c = document.querySelector('wire-scene')!.shadowRoot!.querySelector('canvas')!;
      return c.height > c.width;
    });
    const box = (await el.locator('canvas').boundingBox())!;
    expect(Math.round(box.height)).toBe(Math.round((480 * 16) / 9));
    await el.evaluate((e: HTMLElement) => (e.hidden = true));
    expect(await el.isHidden()).toBe(true);
    await el.evaluate((e: HTMLElement) => (e.hidden = false));
    expect(await el.isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('a figure named by the scenario, described, with a canvas image whose name says the moment', async () => {
    await openPlain('<wire-scene scenario="lost-syn" t="3" controls></wire-scene>');
    await page.locator('wire-scene').evaluate((e: any) => e.ready);
    const title = JSON.parse(readFileSync('assets/scenarios/lost-syn.json', 'utf8')).title as string;
    const figure = page.getByRole('figure', { name: title });
    expect(await figure.count()).toBe(1);
    expect(await figure.evaluate((f) => f.getAttribute('aria-describedby'))).toBe('description');
    const img = page.getByRole('img', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. `) });
    expect(await img.count()).toBe(1);
  });

  it('errors: an unknown scenario and a bad src file name the problem, fire error and reject ready and play()', async () => {
    errors.length = 0;
    await openPlain('<wire-scene scenario="nope"></wire-scene><wire-scene src="bad.json"></wire-scene><wire-scene src="missing.json"></wire-scene>', {
      'bad.json': '{"id": "x", "link": {"rttMs": "fast"}}',
    });
    const r = await page.evaluate(async () => {
      const els = [...document.querySelectorAll('wire-scene')] as any[];
      return Promise.all(
        els.map(async (e) => {
          const why = await e.ready.then(() => 'ready', (err: any) => err.reason);
          const play = await e.play().then(() => 'played', (err: Error) => err.name);
          return { why, play, code: e.error?.code, readyState: e.readyState, noDuration: Number.isNaN(e.duration), text: e.shadowRoot.querySelector('[part=error]').textContent };
        }),
      );
    });
    expect(r[0]).toMatchObject({ why: 'unknown-scenario', play: 'NotSupportedError', code: 4, readyState: 0, noDuration: true });
    expect(r[0].text).toContain('Unknown scenario "nope"');
    expect(r[0].text).toContain('https');
    expect(r[1]).toMatchObject({ why: 'invalid-scenario', code: 3 });
    expect(r[1].text).toMatch(/bad\.json/);
    expect(r[2]).toMatchObject({ why: 'network', code: 2 });
    expect(r[2].text).toContain('404');
    expect(await page.locator('wire-scene').first().locator('.bar').isHidden()).toBe(true); // no controls attribute, no bar
  });

  it('src: a scenario file by URL plays like a built-in', async () => {
    errors.length = 0;
    const file = readFileSync('assets/scenarios/lost-tail.json', 'utf8');
    await openPlain('<wire-scene src="my-scenario.json" t="2"></wire-scene>', { 'my-scenario.json': file });
    const r = await page.locator('wire-scene').evaluate(async (e: any) => {
      await e.ready;
      return { t: e.currentTime, d: e.duration, src: e.src, label: e.shadowRoot.querySelector('figure').getAttribute('aria-label') };
    });
    expect(r.t).toBe(2);
    expect(r.src).toMatch(/\/my-scenario\.json$/);
    expect(r.label).toBe(JSON.parse(file).title);
    expect(errors).toEqual([]);
  });
});

describe('<wire-scene> and reduced motion, as in the app', () => {
  it('with prefers-reduced-motion, autoplay waits for the person and packets are drawn where they land', async () => {
    const html = '<wire-scene scenario="https" t="1.3" autoplay style="width:640px"></wire-scene>';
    await openPlain(html.replace(' autoplay', ''));
    await page.locator('wire-scene').evaluate((e: any) => e.ready);
    const moving = await picture(page);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    try {
      await openPlain(html);
      const r = await page.locator('wire-scene').evaluate(async (e: any) => {
        await e.ready;
        await new Promise((r) => setTimeout(r, 300));
        return { paused: e.paused, t: e.currentTime };
      });
      expect(r).toEqual({ paused: true, t: 1.3 });
      const still = await picture(page);
      expect(still.hash).not.toBe(moving.hash);
      // The system setting changes while the page is open: the element follows it, as the app does.
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      await expect.poll(async () => (await picture(page)).hash, { timeout: 10_000 }).toBe(moving.hash);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await expect.poll(async () => (await picture(page)).hash, { timeout: 10_000 }).toBe(still.hash);
    } finally {
      await page.emulateMedia({ reducedMotion: 'no-preference' });
    }
  });
});
