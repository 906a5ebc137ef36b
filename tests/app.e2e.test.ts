import { existsSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writePcapng } from '../src/export/pcapng';
import { DESIGN_WIDTH, laneY, spriteX } from '../src/render/layout';
import { findScenario } from '../src/sim/scenarios';
import { simulate } from '../src/sim/simulate';
import { launchChromium } from './support/browser';
import { compareWithGolden } from './support/golden';
import { serveDir } from './support/server';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveDir>>;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  server = await serveDir('dist');
  browser = await launchChromium();
  // One page for the file: the npm Chromium runs --single-process and exits with its last page.
  page = await browser.newPage({ viewport: { width: 1360, height: 1000 }, colorScheme: 'dark' });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

async function open(hash = ''): Promise<Page> {
  pageErrors = [];
  await page.goto('about:blank');
  await page.goto(`${server.url}/index.html${hash}`);
  await page.waitForFunction(() => (window as any).wirescene?.stats.framesDrawn > 0);
  return page;
}

const frame = () => page.evaluate(() => (window as any).wirescene.player.frame as number);
const drawn = () => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
const logLines = () => page.locator('#log li').count();
const inspectorText = () => page.locator('#inspector').innerText();

describe('the built page', () => {
  it('draws with WebGL and starts with an empty log and an inviting inspector', async () => {
    await open();
    expect(await page.evaluate(() => (window as any).wirescene.view.rendererName)).toBe('webgl');
    expect(await inspectorText()).toContain('click Step or Play to inspect packets');
    expect(await logLines()).toBe(0);
    expect(await page.locator('#notice').isHidden()).toBe(true);
  });

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

  it('draws nothing while idle (render on demand)', async () => {
    await open();
    await drawn();
    const before = await page.evaluate(() => (window as any).wirescene.stats.framesDrawn);
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as any).wirescene.stats.framesDrawn)).toBe(before);
  });

  it('plays: the Play button becomes Pause, the log grows and the inspector shows TCP', async () => {
    await open();
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    await expect.poll(logLines, { timeout: 10_000 }).toBeGreaterThan(3);
    await expect.poll(() => page.locator('#inspector .layer-tcp > summary').count()).toBe(1);
    expect(await page.locator('#inspector .layer-tcp > summary').innerText()).toMatch(/^TCP/);
    // Space while the button has focus toggles once, not twice (keyboard handler + button activation).
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByRole('button', { name: 'Pause' }).click();
    const paused = await frame();
    await page.waitForTimeout(300);
    expect(await frame()).toBe(paused);

    const before = await inspectorText();
    await page.getByRole('button', { name: 'Step forward' }).click();
    await drawn();
    await page.getByRole('button', { name: 'Step forward' }).click();
    await drawn();
    expect(await inspectorText()).not.toBe(before);
  });

  it('steps packet by packet with the keyboard and lands on real events', async () => {
    await open();
    const steps = await page.evaluate(() => (window as any).wirescene.model.stepFrames as number[]);
    await page.keyboard.press('ArrowRight');
    expect(await frame()).toBe(steps[0]);
    await page.keyboard.press('ArrowRight');
    expect(await frame()).toBe(steps[1]);
    await page.keyboard.press('ArrowLeft');
    expect(await frame()).toBe(steps[0]);
    await drawn();
    expect(await inspectorText()).toContain('SYN');
    await page.keyboard.press('.');
    expect(await frame()).toBe(steps[0] + 1);
    await page.keyboard.press(',');
    expect(await frame()).toBe(steps[0]);
    await page.keyboard.press('End');
    await drawn();
    expect(await page.locator('#log li').last().innerText()).toContain('Connection closed');
    await page.keyboard.press('Home');
    expect(await frame()).toBe(0);
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => (window as any).wirescene.player.playing)).toBe(true);
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => (window as any).wirescene.player.playing)).toBe(false);
  });

  it('does what the help panel says for every shortcut', async () => {
    await open();
    const state = () => page.evaluate(() => {
      const p = (window as any).wirescene.player;
      return { frame: p.frame, speed: p.speed, loop: p.loop, range: p.range, last: p.lastFrame, playing: p.playing };
    });
    const last = (await state()).last;
    await page.keyboard.press('5');
    expect((await state()).frame).toBe(Math.round(last / 2));
    await page.keyboard.press('Shift+ArrowRight');
    expect((await state()).frame).toBe(Math.round(last / 2) + 60);
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Shift+ArrowLeft');
    expect((await state()).frame).toBe(Math.round(last / 2) - 60);
    await page.keyboard.press('i');
    await page.keyboard.press('9');
    await page.keyboard.press('o');
    expect((await state()).range).toEqual({ in: Math.round(last / 2) - 60, out: Math.round((last * 9) / 10) });
    expect(await page.locator('#range').isVisible()).toBe(true);
    await page.keyboard.press('l');
    expect((await state()).loop).toBe(true);
    expect(await page.locator('#loop').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press(']');
    expect((await state()).speed).toBe(1.5);
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    expect((await state()).speed).toBe(0.75);
    expect(await page.locator('#speed').inputValue()).toBe('0.75');
    await page.keyboard.press('0');
    expect((await state()).frame).toBe(0);
    await page.keyboard.press('k');
    expect((await state()).playing).toBe(true);
    const playedFrom = (await state()).frame; // play starts at the in point (and has moved on a little)
    expect(playedFrom).toBeGreaterThanOrEqual(Math.round(last / 2) - 60);
    expect(playedFrom).toBeLessThan(Math.round(last / 2));
    await page.keyboard.press('k');
    await page.keyboard.press('?');
    expect(await page.locator('#help').isVisible()).toBe(true);
    expect(await page.locator('#help').innerText()).toContain('set the in / out point here');
    await page.keyboard.press('Escape');
    expect(await page.locator('#help').isVisible()).toBe(false);
    await page.keyboard.press('f');
    await expect
      .poll(async () => (await page.evaluate(() => document.fullscreenElement?.className)) ?? (await page.locator('#notice').innerText()))
      .toMatch(/^stage$|Full screen is not allowed here/);
    await page.evaluate(() => document.fullscreenElement && document.exitFullscreen());
    await drawn();
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toMatch(/&speed=0\.75&range=\d+\.\d\d-\d+\.\d\d&loop=1$/);
  });

  it('scrubs by dragging, frame-exact: the pixels equal those of the deep link to that time', async () => {
    await open();
    const box = (await page.locator('#scrubber').boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + 8, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 8 + (box.width * 0.37 * i) / 10, y);
    await page.mouse.up();
    await drawn();
    const frame = await page.evaluate(() => (window as any).wirescene.player.frame as number);
    expect(frame).toBeGreaterThan(100);
    const dragged = await page.evaluate(() => (window as any).wirescene.pixelHash());
    const log = await page.locator('#log').innerText();
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toBe(`#scenario=https&t=${(frame / 60).toFixed(2)}`);
    await open(hash);
    expect(await page.evaluate(() => (window as any).wirescene.player.frame)).toBe(frame);
    expect(await page.evaluate(() => (window as any).wirescene.pixelHash())).toBe(dragged);
    expect(await page.locator('#log').innerText()).toBe(log);
  });

  it('shows the time and the packet in flight when hovering the timeline', async () => {
    await open();
    const target = await page.evaluate(() => {
      const { model } = (window as any).wirescene;
      const f = model.plan.flights.find((x: any) => x.label === 'ClientHello');
      return { frame: Math.round(((f.startS + f.endS) / 2) * 60), last: model.frameCount - 1 };
    });
    const box = (await page.locator('#scrubber').boundingBox())!;
    await page.mouse.move(box.x + 8 + ((box.width - 16) * target.frame) / target.last, box.y + box.height / 2);
    const tip = page.locator('#scrub-tip');
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.innerText()).toMatch(/^0:0\d\.\d\d · ClientHello$/);
    expect(await page.locator('#ticks span').count()).toBe(await page.evaluate(() => (window as any).wirescene.model.plan.flights.length));
    await page.evaluate((f) => (window as any).wirescene.player.seek(f), target.frame);
    expect(await page.locator('#scrubber').getAttribute('aria-valuetext')).toMatch(/^\d+\.\d\d seconds, ClientHello in flight$/);
  });

  it('embeds: embed.html shows the canvas and minimal controls, and the embed code works in an iframe', async () => {
    await page.goto('about:blank');
    await page.goto(`${server.url}/embed.html#t=3.00`);
    await page.waitForFunction(() => (window as any).wirescene?.stats.framesDrawn > 0);
    expect(await page.evaluate(() => location.hash)).toBe('#scenario=https&t=3.00&embed=1');
    expect(await page.locator('.term-bar').isVisible()).toBe(false);
    expect(await page.locator('.panels').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Play' }).isVisible()).toBe(true);
    expect(await page.locator('#scrubber').isVisible()).toBe(true);
    expect(await page.evaluate(() => (window as any).wirescene.player.frame)).toBe(180);
    const canvas = (await page.locator('#canvas-host canvas').boundingBox())!;
    expect(canvas.width).toBeGreaterThan(1000);

    await open('#scenario=https&t=4.00');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'copy embed code' }).click();
    const code = await page.evaluate(() => navigator.clipboard.readText());
    expect(code).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/index\.html#scenario=https&t=4\.00&embed=1" width="720" height="451" style="border:0" allowfullscreen title="[^"]+"><\/iframe>$/);
    await page.goto('about:blank');
    await page.setContent(`<!doctype html><body style="margin:0;background:#fff"><p>My post</p>${code}</body>`);
    const frame = page.frameLocator('iframe');
    await expect.poll(() => page.frames()[1]?.evaluate(() => (window as any).wirescene?.stats.framesDrawn ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.frames()[1].evaluate(() => (window as any).wirescene.player.frame)).toBe(240);
    expect(await frame.getByRole('button', { name: 'Play' }).isVisible()).toBe(true);
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

  it('moves the in and out points with handles on the track, by mouse and by keyboard', async () => {
    await open('#range=2.00-8.00');
    const handleIn = page.getByRole('slider', { name: 'In point' });
    const handleOut = page.getByRole('slider', { name: 'Out point' });
    expect(await handleIn.getAttribute('aria-valuenow')).toBe('120');
    const last = await page.evaluate(() => (window as any).wirescene.player.lastFrame as number);
    const track = (await page.locator('#scrubber').boundingBox())!;
    const xOf = (frame: number) => track.x + 8 + ((track.width - 16) * frame) / last;
    const box = (await handleOut.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(xOf(600), box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const out = await page.evaluate(() => (window as any).wirescene.player.range.out as number);
    expect(Math.abs(out - 600)).toBeLessThanOrEqual(2);
    await handleIn.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await page.evaluate(() => (window as any).wirescene.player.range.in)).toBe(181);
    expect(await page.evaluate(() => (window as any).wirescene.player.frame)).toBe(0); // the handles do not move the playhead
    await drawn();
    expect(await page.evaluate(() => location.hash)).toContain('range=3.02-');
  });

  it('exports from the page with a progress bar; Cancel stops cleanly and a new export works right after', async () => {
    await open('#range=1.00-2.00');
    await page.getByRole('button', { name: 'export' }).click();
    const dialog = page.locator('#export-dialog');
    await expect.poll(() => dialog.locator('[role=status]').innerText()).toBe('ready');
    expect(await dialog.locator('select').first().locator('option').allInnerTexts()).toEqual(['WebM (VP9)', 'MP4 (H.264)', 'animated GIF', 'PNG frames (.zip)']);
    await dialog.getByLabel('size').selectOption('1920x1080');
    await dialog.getByLabel('range').selectOption({ index: 0 }); // whole: long enough to cancel
    await dialog.getByRole('button', { name: 'Export' }).click();
    await expect.poll(() => dialog.locator('[role=status]').innerText()).toMatch(/^\d+ \/ \d+ frames · /);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.locator('[role=status]').innerText(), { timeout: 1000 }).toBe('Cancelled: nothing was written.'); // within a second of the click
    expect(await dialog.locator('a').count()).toBe(0);

    await dialog.getByLabel('size').selectOption('640x360');
    await dialog.getByLabel('range').selectOption({ label: 'in/out (0:01.00–0:02.00)' });
    await dialog.getByRole('button', { name: 'Export' }).click();
    await expect.poll(() => dialog.locator('[role=status]').innerText(), { timeout: 30_000 }).toBe('done');
    expect(await dialog.locator('progress').evaluate((p: HTMLProgressElement) => p.value)).toBe(1);
    const link = dialog.locator('a');
    expect(await link.getAttribute('download')).toBe('wirescene-https-640x360-30fps.webm');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // EBML: a WebM file
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('opens a link with speed, range and loop as they were', async () => {
    await open('#scenario=https&t=3.00&speed=0.5&range=2.00-6.00&loop=1');
    const s = await page.evaluate(() => {
      const p = (window as any).wirescene.player;
      return { frame: p.frame, speed: p.speed, loop: p.loop, range: p.range };
    });
    expect(s).toEqual({ frame: 180, speed: 0.5, loop: true, range: { in: 120, out: 360 } });
    expect(await page.locator('#notice').isHidden()).toBe(true);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'copy link' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/index\.html#scenario=https&t=3\.00&speed=0\.5&range=2\.00-6\.00&loop=1$/);
  });

  it('opens a deep link at its moment and keeps the hash in step when paused', async () => {
    await open('#scenario=https&t=5.80');
    expect(await frame()).toBe(348);
    expect(await page.locator('#scrubber').inputValue()).toBe('348');
    expect(await inspectorText()).toContain('{EE,Cert,CV,Fin}');
    await page.keyboard.press('ArrowRight');
    await drawn();
    const f = await frame();
    expect(await page.evaluate(() => location.hash)).toBe(`#scenario=https&t=${(f / 60).toFixed(2)}`);
    expect(f).toBeGreaterThan(348);
  });

  it('shows a plain notice for a bad URL and falls back to the default', async () => {
    await open('#scenario=nope&t=abc');
    const notice = page.locator('#notice');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.innerText()).toContain('Unknown scenario "nope"');
    expect(await notice.innerText()).toContain('Ignored t="abc"');
    expect(await frame()).toBe(0);
    expect(await page.locator('#scenario').inputValue()).toBe('https');
  });

  it('scrubbing backwards shows the same log and inspector as playing forwards', async () => {
    await open();
    const target = 700;
    await page.evaluate(async (target) => {
      const { player } = (window as any).wirescene;
      for (let f = 0; f <= target; f += 3) {
        player.seek(f);
        await new Promise((r) => requestAnimationFrame(r));
      }
      player.seek(target);
      await new Promise((r) => requestAnimationFrame(r));
    }, target);
    const forward = { log: await page.locator('#log').innerText(), inspector: await inspectorText() };
    await page.keyboard.press('End');
    await drawn();
    await page.locator('#scrubber').fill(String(target));
    await drawn();
    expect(await frame()).toBe(target);
    expect(await page.locator('#log').innerText()).toBe(forward.log);
    expect(await inspectorText()).toBe(forward.inspector);
  });

  it('clicking a sprite on the canvas pauses and pins the inspector on that packet', async () => {
    await open();
    const target = await page.evaluate(() => {
      const { model } = (window as any).wirescene;
      const f = model.plan.flights.find((x: any) => x.label === 'SYN-ACK');
      return { frame: Math.round(((f.startS + f.endS) / 2) * 60), packetId: f.packetId };
    });
    await page.evaluate((f) => (window as any).wirescene.player.seek(f), target.frame);
    await drawn();
    const view = await page.evaluate((f) => (window as any).wirescene.model.evaluator.evaluate(f).flights, target.frame);
    const synAck = view.find((f: any) => f.packetId === target.packetId);
    const box = (await page.locator('#canvas-host canvas').boundingBox())!;
    const scale = box.width / DESIGN_WIDTH;
    await page.mouse.click(box.x + spriteX(synAck, synAck.progress, synAck.leftToRight) * scale, box.y + laneY(synAck.lane) * scale);
    await drawn();
    const text = await inspectorText();
    expect(text).toContain('SYN-ACK');
    expect(text).toContain('pinned');
    expect(text).toContain('ack=101');
  });

  it('links fields and bytes both ways, and shows encrypted records decrypted', async () => {
    await open();
    await page.evaluate(() => {
      const { model, player } = (window as any).wirescene;
      const get = model.plan.flights.find((f: any) => f.label === 'GET /');
      player.seek(Math.ceil(get.startS * 60) + 10); // the GET / has just left
    });
    await drawn();
    expect(await page.locator('#inspector .packet-head').innerText()).toContain('GET /');
    // Focus (keyboard) or hover a field: exactly its bytes light up.
    const ttl = page.locator('#inspector .field', { hasText: 'TTL' }).first();
    await ttl.focus();
    expect(await page.locator('#inspector .hex-bytes span.on').allInnerTexts()).toEqual(['40']);
    const srcPort = page.locator('#inspector .field', { hasText: 'source port' }).first();
    await srcPort.hover();
    expect(await page.locator('#inspector .hex-bytes span.on').allInnerTexts()).toEqual(['c0', '00']);
    // Hover a byte: its field lights up (byte 9 is the IPv4 protocol).
    await page.locator('#inspector .hex-bytes span[data-i="9"]').hover();
    expect(await page.locator('#inspector .field.on .field-name').innerText()).toBe('protocol');
    // The wire shows ciphertext; the toggle opens it with the right key.
    expect(await inspectorText()).toContain('encrypted_record');
    // Encapsulation: the HTTP layer is listed too (decrypted), without pointing into the ciphertext.
    const layerNames = await page.locator('#inspector .layer > summary .layer-name').allInnerTexts();
    expect(layerNames).toEqual(['IPv4', 'TCP', 'TLS', 'HTTP']);
    expect(await page.locator('#inspector .layer-http .field[tabindex]').count()).toBe(0);
    await page.locator('#inspector .decrypt-toggle input').check();
    const text = await inspectorText();
    expect(text).toContain('decrypted with the client application traffic key');
    expect(text).toContain('GET / HTTP/1.1');
    expect(text).toContain('example.com');
    expect(await page.locator('#inspector .hex-row').first().innerText()).toContain('GET / HTTP/1.1');
  });

  it('downloads the capture: the same bytes as the capture CLI writes', async () => {
    await open('#scenario=https-random-isn');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download capture (.pcapng)' }).click()]);
    expect(download.suggestedFilename()).toBe('wirescene-https-random-isn.pcapng');
    const bytes = readFileSync((await download.path())!);
    expect(bytes.equals(Buffer.from(writePcapng(simulate(findScenario('https-random-isn')!))))).toBe(true);
  });

  it('clicking a log line jumps to that event', async () => {
    await open('#t=3');
    await page.locator('#log li').nth(2).click();
    await drawn();
    const atS = await page.evaluate(() => (window as any).wirescene.model.plan.timeline[2].atS as number);
    expect(await frame()).toBe(Math.ceil(atS * 60 - 1e-6));
    expect(await page.locator('#log li').count()).toBeGreaterThanOrEqual(3);
  });
});
