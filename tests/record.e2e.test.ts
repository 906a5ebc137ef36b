import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input } from 'mediabunny';
import { GifReader } from 'omggif';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pixelHash } from '../src/render/pixels';
import { launchChromium } from './support/browser';
import { serveDir } from './support/server';

/** The video track of a file, read back with mediabunny: codec, size, packet timestamps, duration. */
async function readVideo(path: string) {
  const input = new Input({ source: new BufferSource(readFileSync(path)), formats: ALL_FORMATS });
  const track = (await input.getPrimaryVideoTrack())!;
  const stamps: number[] = [];
  for await (const p of new EncodedPacketSink(track).packets()) stamps.push(p.timestamp);
  return { codec: track.codec, size: [track.displayWidth, track.displayHeight], stamps: stamps.sort((x, y) => x - y), duration: await input.computeDuration() };
}

const dir = mkdtempSync(join(tmpdir(), 'wirescene-record-'));
const record = (...args: string[]) => spawnSync('npx', ['tsx', 'scripts/record.ts', ...args], { encoding: 'utf8' });

beforeAll(() => {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
});

describe('npm run record', () => {
  it('writes a WebM with exactly round((to − from) × fps) frames at n/fps, the right size and duration, byte-identical twice', async () => {
    const a = join(dir, 'a.webm');
    const b = join(dir, 'b.webm');
    const first = record('--out', a, '--size', '640x360', '--fps', '30', '--from', '1', '--to', '2.5');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('wrote');
    expect(record('--out', b, '--size', '640x360', '--fps', '30', '--from', '1', '--to', '2.5').status).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);

    const video = await readVideo(a);
    expect(video.codec).toBe('vp9');
    expect(video.size).toEqual([640, 360]);
    expect(video.stamps).toHaveLength(45);
    video.stamps.forEach((t, n) => expect(Math.abs(t - n / 30)).toBeLessThan(0.0006)); // WebM keeps milliseconds
    expect(video.duration).toBeCloseTo(1.5, 3);
  });

  it('writes PNG frames that are the page canvas at the same moments, pixel for pixel, the same bytes twice', async () => {
    const out = join(dir, 'frames');
    const again = join(dir, 'frames-again');
    const args = ['--size', '320x180', '--fps', '30', '--from', '3', '--to', '3.5'];
    const r = record('--out', out, ...args);
    expect(r.status, r.stderr).toBe(0);
    expect(record('--out', again, ...args).status).toBe(0);
    const files = readdirSync(out).filter((f) => f.endsWith('.png')).sort();
    expect(files).toHaveLength(15);
    expect(files[0]).toBe('frame-00000.png');
    expect(readdirSync(again).sort()).toEqual(readdirSync(out).sort());
    for (const f of files) expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);

    const server = await serveDir('dist');
    const browser = await launchChromium();
    try {
      // Embed mode fits the largest 16:9 canvas above its bar (111 px at this width): 320 × 180 CSS pixels at DPR 1.
      const page = await browser.newPage({ viewport: { width: 320, height: 300 }, deviceScaleFactor: 1, colorScheme: 'dark' });
      await page.goto(`${server.url}/index.html#embed=1`);
      await page.waitForFunction(() => (window as any).wirescene?.stats.framesDrawn > 0);
      expect(await page.evaluate(() => [(document.querySelector('#canvas-host canvas') as HTMLCanvasElement).width, (document.querySelector('#canvas-host canvas') as HTMLCanvasElement).height])).toEqual([320, 180]);
      // A still (.png) at 3.2 s is the page's frame 192, pixel for pixel, like the sequence's frame 6.
      const still = join(dir, 'still.png');
      const r2 = record('--out', still, '--size', '320x180', '--at', '3.2');
      expect(r2.status, r2.stderr).toBe(0);
      expect(r2.stdout).toContain(`wrote ${still}: 320×180, "https" at 3.20 s`);
      const stillPng = PNG.sync.read(readFileSync(still));
      expect([stillPng.width, stillPng.height]).toEqual([320, 180]);
      expect(readFileSync(still).equals(readFileSync(join(out, files[6])))).toBe(true);
      for (const n of [0, 7, 14]) {
        const png = PNG.sync.read(readFileSync(join(out, files[n])));
        expect([png.width, png.height]).toEqual([320, 180]);
        const inPage = await page.evaluate((frame) => {
          const w = (window as any).wirescene;
          w.player.seek(frame);
          return w.pixelHash();
        }, 180 + 2 * n); // 3 s + n/30 s at 60 fps
        expect(pixelHash(new Uint8Array(png.data)), `frame ${n}`).toBe(inPage);
      }
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it('writes an MP4 (H.264) with exact frames, timing and size, byte-identical twice at 1280×720', async () => {
    // At 720p a multi-threaded OpenH264 writes different bytes each run; the CLI gives it one thread.
    const a = join(dir, 'a.mp4');
    const b = join(dir, 'b.mp4');
    const args = ['--size', '1280x720', '--fps', '30', '--from', '2', '--to', '3'];
    const r = record('--out', a, ...args);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('may differ');
    expect(record('--out', b, ...args).status).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const video = await readVideo(a);
    expect(video.codec).toBe('avc');
    expect(video.size).toEqual([1280, 720]);
    expect(video.stamps).toHaveLength(30);
    video.stamps.forEach((t, n) => expect(Math.abs(t - n / 30)).toBeLessThan(1e-6));
    expect(video.duration).toBeCloseTo(1, 6);
  });

  it('draws the overlays the flags ask for (--card --no-captions changes the picture, not the frame count)', () => {
    const plain = join(dir, 'plain');
    const carded = join(dir, 'carded');
    expect(record('--out', plain, '--size', '320x180', '--from', '8', '--to', '8.1').status).toBe(0);
    const r = record('--out', carded, '--size', '320x180', '--from', '8', '--to', '8.1', '--card', '--no-captions');
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(carded)).toHaveLength(readdirSync(plain).length);
    const a = PNG.sync.read(readFileSync(join(plain, 'frame-00000.png')));
    const b = PNG.sync.read(readFileSync(join(carded, 'frame-00000.png')));
    expect(pixelHash(new Uint8Array(a.data))).not.toBe(pixelHash(new Uint8Array(b.data)));
  });

  it('writes an animated GIF with the frame count, size and exact total delay, byte-identical twice, that plays back as the PNG frames', () => {
    const a = join(dir, 'a.gif');
    const b = join(dir, 'b.gif');
    const r = record('--out', a, '--size', '320x180', '--fps', '30', '--from', '4', '--to', '5');
    expect(r.status, r.stderr).toBe(0);
    expect(record('--out', b, '--size', '320x180', '--fps', '30', '--from', '4', '--to', '5').status).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const gif = new GifReader(readFileSync(a));
    expect([gif.width, gif.height, gif.numFrames(), gif.loopCount()]).toEqual([320, 180, 30, 0]);
    const hundredths = Array.from({ length: gif.numFrames() }, (_, i) => gif.frameInfo(i).delay).reduce((x, y) => x + y, 0);
    expect(hundredths).toBe(100);

    // Played back (each frame over the last: later frames carry only what changed), every
    // frame is the PNG frame of the same moment, within the palette's rounding at every pixel.
    const pngs = join(dir, 'gif-truth');
    expect(record('--out', pngs, '--size', '320x180', '--fps', '30', '--from', '4', '--to', '5').status).toBe(0);
    const screen = new Uint8Array(320 * 180 * 4);
    for (let n = 0; n < gif.numFrames(); n++) {
      gif.decodeAndBlitFrameRGBA(n, screen);
      const truth = PNG.sync.read(readFileSync(join(pngs, `frame-${String(n).padStart(5, '0')}.png`))).data;
      let worst = 0;
      for (let i = 0; i < screen.length; i++) if (i % 4 !== 3) worst = Math.max(worst, Math.abs(screen[i] - truth[i]));
      expect(worst, `frame ${n}`).toBeLessThanOrEqual(16);
    }
  });

  it('refuses bad flags with a message naming the problem, exit code 2', () => {
    const cases: [string[], RegExp][] = [
      [[], /--out is required/],
      [['--out', join(dir, 'x.webm'), '--scenario', 'nope'], /unknown scenario "nope"; known: https, dns-then-https, lost-syn/],
      [['--out', join(dir, 'x.webm'), '--size', '100'], /bad --size "100"/],
      [['--out', join(dir, 'x.webm'), '--fps', '25'], /bad --fps "25": expected 24, 30 or 60/],
      [['--out', join(dir, 'x.webm'), '--from', '3', '--to', '1'], /--from 3 must be before --to 1/],
      [['--out', join(dir, 'x.webm'), '--to', '999'], /past the end/],
      [['--out', join(dir, 'no', 'such', 'x.webm')], /cannot write to .*does not exist/],
      [['--out', join(dir, 'x.mov')], /\.mov is not a format this writes/],
      [['--out', join(dir, 'x.webm'), '--theme', 'pink'], /bad --theme "pink"/],
      [['--out', join(dir, 'x.webm'), '--card', '--no-card'], /--card and --no-card contradict each other/],
      [['--out', join(dir, 'x.webm'), '--colour', 'red'], /Unknown option '--colour'/],
      [['--out', join(dir, 'x.png'), '--from', '2'], /a \.png is one moment: give it with --at/],
      [['--out', join(dir, 'x.webm'), '--at', '2'], /--at is the moment of a \.png still/],
      [['--out', join(dir, 'x.png'), '--at', 'soon'], /bad --at "soon": expected seconds/],
      [['--out', join(dir, 'x.png'), '--at', '999'], /--at 999 is past the end/],
    ];
    for (const [args, message] of cases) {
      const r = record(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const help = record('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--from T --to T');
    expect(help.stdout).toContain('--at T');
  });
});
