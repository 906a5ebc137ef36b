import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawn, frame, inspectorText, open, page, server, setupAppPage } from './support/appPage';

setupAppPage();

/** Runs the `npm run record -- …` command the export dialog offers (into a temporary folder) and returns the file it wrote. */
function runOffered(command: string): Buffer {
  const args = command.replace('npm run record -- ', '').split(' ');
  const at = args.indexOf('--out') + 1;
  args[at] = join(mkdtempSync(join(tmpdir(), 'wirescene-cli-')), args[at]);
  const cli = spawnSync('npx', ['tsx', 'scripts/record.ts', ...args], { encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(0);
  return readFileSync(args[at]);
}

describe('links, embeds and exports', () => {
  it('opens a deep link at its moment and keeps the hash in step when paused', async () => {
    await open('#scenario=https&t=5.80');
    expect(await frame()).toBe(348);
    expect(await page.locator('#scrubber').inputValue()).toBe('348');
    expect(await inspectorText()).toContain('ServerHello {EE…Fin}');
    await page.keyboard.press('ArrowRight');
    await drawn();
    const f = await frame();
    expect(await page.evaluate(() => location.hash)).toBe(`#scenario=https&t=${(f / 60).toFixed(2)}`);
    expect(f).toBeGreaterThan(348);
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
  it('a link made at the last frame (End, then O) opens as it was made, with no notice', async () => {
    await open('#scenario=https&t=1.00');
    await page.keyboard.press('End');
    await page.keyboard.press('o');
    await drawn();
    const made = await page.evaluate(() => location.hash);
    const before = await page.evaluate(() => {
      const p = (window as any).wirescene.player;
      return { frame: p.frame, range: p.range, last: p.lastFrame };
    });
    expect(before).toEqual({ frame: before.last, range: { in: 0, out: before.last }, last: before.last });
    await open(made);
    expect(await page.locator('#notice').isHidden()).toBe(true);
    const after = await page.evaluate(() => {
      const p = (window as any).wirescene.player;
      return { frame: p.frame, range: p.range, last: p.lastFrame };
    });
    expect(after).toEqual(before);
    expect(await page.evaluate(() => location.hash)).toBe(made);
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
    expect(code).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/index\.html#scenario=https&t=4\.00&embed=1" width="720" height="501" frameborder="0" allowfullscreen title="[^"]+"><\/iframe>$/);
    await page.goto('about:blank');
    await page.setContent(`<!doctype html><body style="margin:0;background:#fff"><p>My post</p>${code}</body>`);
    const frame = page.frameLocator('iframe');
    await expect.poll(() => page.frames()[1]?.evaluate(() => (window as any).wirescene?.stats.framesDrawn ?? 0), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.frames()[1].evaluate(() => (window as any).wirescene.player.frame)).toBe(240);
    expect(await frame.getByRole('button', { name: 'Play' }).isVisible()).toBe(true);
  });
  it('exports from the page with a progress bar; Cancel stops cleanly and a new export works right after', async () => {
    await open('#range=1.00-2.00');
    await page.getByRole('button', { name: 'export' }).click();
    const dialog = page.locator('#export-dialog');
    await expect.poll(() => dialog.locator('[role=status]').innerText(), { timeout: 10_000 }).toBe('ready');
    expect(await dialog.locator('select').first().locator('option').allInnerTexts()).toEqual(['WebM (VP9)', 'MP4 (H.264)', 'animated GIF', 'PNG frames (.zip)', 'PNG image (this moment)']);
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

    // The command the dialog shows writes the very same file from a terminal.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await dialog.getByRole('button', { name: 'copy command' }).click();
    await expect.poll(() => dialog.locator('.export-cli button').innerText()).toBe('copied');
    const command = await page.evaluate(() => navigator.clipboard.readText());
    expect(command).toBe('npm run record -- --scenario https --out wirescene-https-640x360-30fps.webm --size 640x360 --fps 30 --from 1 --to 2');
    expect(await dialog.locator('.export-cli code').textContent()).toBe(command);
    expect(runOffered(command).equals(bytes)).toBe(true);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('says which formats the browser cannot encode and offers the others', async () => {
    await open();
    // A browser without VP9 in WebCodecs (the check runs each time the dialog opens).
    await page.evaluate(() => {
      const real = VideoEncoder.isConfigSupported.bind(VideoEncoder);
      VideoEncoder.isConfigSupported = async (c) => (c.codec.startsWith('vp09') ? { supported: false, config: c } : real(c));
    });
    await page.getByRole('button', { name: 'export' }).click();
    const dialog = page.locator('#export-dialog');
    await expect.poll(() => dialog.locator('[role=status]').innerText()).toBe('This browser cannot encode WebM (VP9): choose one of the formats offered.');
    expect(await dialog.locator('select').first().locator('option').allInnerTexts()).toEqual(['MP4 (H.264)', 'animated GIF', 'PNG frames (.zip)', 'PNG image (this moment)']);
    expect(await dialog.getByRole('button', { name: 'Export' }).isEnabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('previews the video as chosen, remembers the choice, and locks the form while exporting', async () => {
    await open('#range=1.00-2.00');
    await page.evaluate(() => localStorage.removeItem('wirescene.export'));
    const dialog = page.locator('#export-dialog');
    const openDialog = async () => {
      await page.getByRole('button', { name: 'export' }).click();
      await expect.poll(() => dialog.locator('[role=status]').innerText(), { timeout: 10_000 }).toBe('ready');
    };
    await openDialog();
    const preview = dialog.getByRole('img', { name: 'preview of the video' });
    const box = () => preview.evaluate((c: HTMLCanvasElement) => [c.offsetWidth, c.offsetHeight]); // border-box: the CSS size
    const pixels = () => preview.evaluate((c: HTMLCanvasElement) => c.toDataURL());
    await expect.poll(box).toEqual([320, 180]);
    expect(await dialog.locator('figcaption').innerText()).toBe('1.00 s · 30 frames · 1280×720 at 30 fps; the preview is the middle of the range');

    await dialog.getByLabel('size').selectOption('720x1280');
    await expect.poll(box).toEqual([135, 240]); // the vertical video's shape
    await expect.poll(() => dialog.locator('figcaption').innerText()).toContain('720×1280');
    const withoutCard = await pixels();
    await dialog.getByLabel('inspector card').check();
    await expect.poll(pixels).not.toBe(withoutCard);

    // Remembered on export, for the next opening and the next visit.
    await dialog.getByLabel('size').selectOption('640x360');
    await dialog.getByLabel('frame rate').selectOption('24');
    await dialog.getByRole('button', { name: 'Export' }).click();
    await expect.poll(() => dialog.locator('[role=status]').innerText()).toMatch(/^\d+ \/ 24 frames/);
    expect(await dialog.getByLabel('size').isDisabled()).toBe(true);
    await expect.poll(() => dialog.locator('[role=status]').innerText(), { timeout: 30_000 }).toBe('done');
    expect(await dialog.getByLabel('size').isDisabled()).toBe(false);
    await dialog.getByRole('button', { name: 'Close' }).click();
    for (const again of [() => Promise.resolve(), () => open('#range=1.00-2.00')]) {
      await again();
      await openDialog();
      expect(await dialog.getByLabel('size').inputValue()).toBe('640x360');
      expect(await dialog.getByLabel('frame rate').inputValue()).toBe('24');
      expect(await dialog.getByLabel('inspector card').isChecked()).toBe(true);
      await dialog.getByRole('button', { name: 'Close' }).click();
    }
    // A saved value that makes no sense (edited by hand, an older version) falls back to the defaults.
    await page.evaluate(() => localStorage.setItem('wirescene.export', '{"format":"avi","size":"99x99","fps":7,"custom":[1,2],"overlays":{"card":"yes"}}'));
    await openDialog();
    expect(await dialog.locator('select').first().inputValue()).toBe('webm');
    expect(await dialog.getByLabel('size').inputValue()).toBe('1280x720');
    expect(await dialog.getByLabel('frame rate').inputValue()).toBe('30');
    expect(await dialog.getByLabel('inspector card').isChecked()).toBe(false);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.evaluate(() => localStorage.setItem('wirescene.export', 'not json'));
    await openDialog();
    expect(await dialog.getByLabel('size').inputValue()).toBe('1280x720');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.evaluate(() => localStorage.removeItem('wirescene.export'));
  });

  it('stops the export when Escape closes the dialog; the next one starts clean', async () => {
    await open();
    const dialog = page.locator('#export-dialog');
    await page.getByRole('button', { name: 'export' }).click();
    await expect.poll(() => dialog.locator('[role=status]').innerText(), { timeout: 10_000 }).toBe('ready');
    await dialog.getByLabel('size').selectOption('1920x1080');
    await dialog.getByRole('button', { name: 'Export' }).click();
    await expect.poll(() => dialog.locator('[role=status]').innerText()).toMatch(/^\d+ \/ \d+ frames · /);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    await expect.poll(() => dialog.locator('[role=status]').textContent(), { timeout: 1000 }).toBe('Cancelled: nothing was written.');
    await page.getByRole('button', { name: 'export' }).click();
    await expect.poll(() => dialog.locator('[role=status]').innerText(), { timeout: 10_000 }).toBe('ready');
    expect(await dialog.getByLabel('size').isDisabled()).toBe(false);
    expect(await dialog.locator('progress').evaluate((p: HTMLProgressElement) => p.value)).toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.evaluate(() => localStorage.removeItem('wirescene.export'));
  });

  it('saves a still of the moment the player shows, the same PNG as the command it offers', async () => {
    await open('#t=5.80');
    await page.evaluate(() => localStorage.removeItem('wirescene.export'));
    const dialog = page.locator('#export-dialog');
    await page.getByRole('button', { name: 'export' }).click();
    await expect.poll(() => dialog.locator('[role=status]').innerText(), { timeout: 10_000 }).toBe('ready');
    await dialog.getByLabel('format').selectOption({ label: 'PNG image (this moment)' });
    await dialog.getByLabel('size').selectOption('640x360');
    expect(await dialog.getByLabel('range').isVisible()).toBe(false);
    expect(await dialog.getByLabel('frame rate').isVisible()).toBe(false);
    expect(await dialog.locator('.moment').innerText()).toBe('moment: 0:05.80, where the player is');
    await expect.poll(() => dialog.locator('figcaption').innerText()).toBe('a 640×360 PNG of 0:05.80, as the preview shows it');
    await dialog.getByRole('button', { name: 'Export' }).click();
    await expect.poll(() => dialog.locator('[role=status]').innerText(), { timeout: 30_000 }).toBe('done');
    const link = dialog.locator('a');
    expect(await link.getAttribute('download')).toBe('wirescene-https-640x360-at-5.80s.png');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const png = readFileSync((await download.path())!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');

    const command = await dialog.locator('.export-cli code').textContent();
    expect(command).toBe('npm run record -- --scenario https --out wirescene-https-640x360-at-5.80s.png --size 640x360 --at 5.8');
    expect(runOffered(command!).equals(png)).toBe(true);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.evaluate(() => localStorage.removeItem('wirescene.export'));
  });
});
