/**
 * npm run bench: measures the built app (dist/) in the pinned Chromium and the pure
 * kernels in Node, and writes bench/results.json. Numbers only; nothing here asserts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createPrng } from '../src/sim/prng';
import { findScenario } from '../src/sim/scenarios';
import { simulate } from '../src/sim/simulate';
import { schedule } from '../src/timeline/schedule';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/support/browser';
import { serveDir } from '../tests/support/server';
import { appBundleSize, articleBundleSize, cryptoBundleSize } from './bundleSize';
import { elementFigures, elementsNote } from './elements';
import { importAtScale } from './import';
import { largeLoadFigures } from './largeLoad';
import { networkAtScale } from './network';
import { scaleFigures } from './scale';
import { soakFigures } from './soak';
import { median, percentile, round } from './stats';

const SEEKS = 1000;
const RENDERS = 120;
const LOADS = 5;
const EXPORT_FRAMES = 90;

function kernels() {
  const scenario = findScenario('https')!;
  const simMs: number[] = [];
  const schedMs: number[] = [];
  for (let i = 0; i < 5; i++) simulate(scenario); // warm-up: JIT and noble's precomputed tables
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now();
    const sim = simulate(scenario);
    const t1 = performance.now();
    schedule(sim);
    simMs.push(t1 - t0);
    schedMs.push(performance.now() - t1);
  }
  return {
    simulateMedianMs: round(median(simMs)),
    simulateP95Ms: round(percentile(simMs, 95)),
    simulateNote: 'whole HTTPS scenario with real crypto (X25519, HKDF, AES-128-GCM, ECDSA P-256), Node, after warm-up',
    scheduleMedianMs: round(median(schedMs)),
  };
}

type ExportFigures = { frames: number; exportFps: number; rawEncoderFps: number; blockedMs: number[] };

/** Export throughput at 1280×720 30 fps and, on the same frames, the WebCodecs encoder's alone. */
async function measureExport(page: Page, format: 'webm' | 'mp4'): Promise<ExportFigures> {
  // tsx (esbuild keepNames) wraps named functions in __name(); give the page that helper.
  await page.evaluate('window.__name = (f) => f');
  return page.evaluate(
    async ({ frames, format }) => {
      const w = (window as any).wirescene;
      const mod = await w.loadExport();
      const settings = { format, width: 1280, height: 720, fps: 30, fromS: 2, toS: 2 + frames / 30 };
      // 1. The whole export: seek, render, read back, encode, mux; meanwhile a 0 ms timer
      // measures how long the page goes without handling a task (its responsiveness).
      const gaps: number[] = [];
      let last = performance.now();
      let ticking = true;
      const tick = () => {
        const now = performance.now();
        gaps.push(now - last);
        last = now;
        if (ticking) setTimeout(tick, 0);
      };
      setTimeout(tick, 0);
      let t0 = performance.now();
      await w.record(settings);
      const exportMs = performance.now() - t0;
      ticking = false;
      // 2. The encoder alone (WebCodecs, same codec and bitrate) on the same frames, rendered beforehand.
      const view = w.view;
      const bitmaps: ImageBitmap[] = [];
      view.resize(1280, 720, 1);
      for (let n = 0; n < frames; n++) {
        view.draw(w.model.evaluator.at(2 + n / 30));
        bitmaps.push(await createImageBitmap(view.canvas));
      }
      const encoder = new VideoEncoder({ output: () => {}, error: (e) => { throw e; } });
      const { codec, bitrate } = mod.exporterFor(format).videoConfig(settings);
      encoder.configure({ codec, width: 1280, height: 720, bitrate, framerate: 30, latencyMode: 'quality' });
      t0 = performance.now();
      for (let n = 0; n < frames; n++) {
        const frame = new VideoFrame(bitmaps[n], { timestamp: Math.round((n * 1e6) / 30), duration: Math.round(1e6 / 30) });
        encoder.encode(frame, { keyFrame: n % 60 === 0 });
        frame.close();
        while (encoder.encodeQueueSize > 2) await new Promise((r) => setTimeout(r, 0));
      }
      await encoder.flush();
      const rawMs = performance.now() - t0;
      encoder.close();
      for (const b of bitmaps) b.close();
      return { frames, exportFps: frames / (exportMs / 1000), rawEncoderFps: frames / (rawMs / 1000), blockedMs: gaps };
    },
    { frames: EXPORT_FRAMES, format },
  );
}

/** The MP4 figures in a browser started as `npm run record` starts it for MP4. */
async function singleThreadMp4(url: string): Promise<ExportFigures> {
  const browser = await launchChromium({ singleThreadEncoders: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    await page.goto(`${url}/index.html`);
    await page.waitForFunction(() => (window as any).wirescene?.stats.framesDrawn > 0);
    return await measureExport(page, 'mp4');
  } finally {
    await browser.close();
  }
}

async function browserFigures() {
  const server = await serveDir('dist');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    const firstFrameMs: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      await page.goto('about:blank');
      await page.goto(`${server.url}/index.html`);
      await page.waitForFunction(() => (window as any).wirescene?.stats.framesDrawn > 0);
      firstFrameMs.push(await page.evaluate(() => performance.getEntriesByName('wirescene:first-frame')[0].startTime));
    }
    const total = await page.evaluate(() => (window as any).wirescene.model.frameCount as number);
    const rng = createPrng(1234);
    const frames = Array.from({ length: SEEKS }, () => rng.u32() % total);
    const figures = await page.evaluate(
      ({ frames, renders }) => {
        const { model, view } = (window as any).wirescene;
        // The page timer ticks in 100 µs steps, so each sample is the mean of a group of 10 random seeks.
        const seekMs: number[] = [];
        for (let g = 0; g < frames.length; g += 10) {
          const t0 = performance.now();
          for (const f of frames.slice(g, g + 10)) view.scene.update(model.evaluator.evaluate(f));
          seekMs.push((performance.now() - t0) / 10);
        }
        const gl = view.app.renderer.gl as WebGL2RenderingContext;
        const pixel = new Uint8Array(4);
        const renderMs: number[] = [];
        for (const f of frames.slice(0, renders)) {
          const t0 = performance.now();
          view.draw(model.evaluator.evaluate(f));
          gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel); // waits for the GPU (SwiftShader) to finish
          renderMs.push(performance.now() - t0);
        }
        return { seekMs, renderMs, canvas: [view.canvas.width, view.canvas.height], renderer: view.rendererName };
      },
      { frames, renders: RENDERS },
    );
    const exportFigures = { webm: await measureExport(page, 'webm'), mp4: await measureExport(page, 'mp4') };
    const exportRow = (f: ExportFigures) => ({
      frames: f.frames,
      exportFps: round(f.exportFps, 1),
      rawEncoderFps: round(f.rawEncoderFps, 1),
      ratio: round(f.exportFps / f.rawEncoderFps, 2),
      pageBlockedMs: { longest: round(Math.max(...f.blockedMs), 1), p95: round(percentile(f.blockedMs, 95), 1) },
    });
    return {
      export: {
        webm1280x720at30: exportRow(exportFigures.webm),
        mp4h264at1280x720at30: exportRow(exportFigures.mp4),
        mp4h264SingleThreadAt1280x720at30: { ...exportRow(await singleThreadMp4(server.url)), note: 'as npm run record writes MP4: OpenH264 on one thread, byte-identical runs' },
        target: 'ratio ≥ 0.8 (rendering and readback under a quarter of the export)',
        method: 'same run, same frames, same codec and bitrate: full export (seek, render, read back, encode, mux) vs WebCodecs VideoEncoder alone on pre-rendered frames; pageBlockedMs: gaps between runs of a 0 ms timer during the export (how long a click waits)',
      },
      firstFrameMs: { median: round(median(firstFrameMs), 1), samples: firstFrameMs.map((x) => round(x, 1)) },
      bulk100kLoad: await largeLoadFigures(server.url),
      seekAndSceneUpdateMs: {
        median: round(median(figures.seekMs), 4),
        p95: round(percentile(figures.seekMs, 95), 4),
        seeks: SEEKS,
        method: 'JS only (GSAP seek + FrameView + Pixi scene update, no GPU draw); each sample is the mean of 10 random seeks',
      },
      fullRenderMs: {
        median: round(median(figures.renderMs), 2),
        p95: round(percentile(figures.renderMs, 95), 2),
        samples: RENDERS,
        method: 'seek + scene update + WebGL draw, finished with a 1-pixel readPixels; SwiftShader (CPU) here, no GPU',
      },
      canvasPixels: figures.canvas,
      renderer: figures.renderer,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

// The soak takes about 17 minutes: measured with --soak (or npm run bench:soak); otherwise the last figures are kept.
const previous = existsSync('bench/results.json') ? JSON.parse(readFileSync('bench/results.json', 'utf8')) : {};
const soak = process.argv.includes('--soak')
  ? { measuredAt: new Date().toISOString(), ...(await soakFigures()) }
  : (previous.soak ?? 'not measured: npm run bench:soak, or npm run bench -- --soak');

const results = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
  kernels: kernels(),
  network: networkAtScale(),
  scale: scaleFigures(),
  import: importAtScale(),
  bundle: { app: appBundleSize(), article: articleBundleSize(), crypto: await cryptoBundleSize() },
  page: await browserFigures(),
  elements: { ...(await elementFigures()), note: elementsNote },
  soak,
  targets: { seekAndSceneUpdateMedianMs: 1, firstFrameMs: 1000, simulateMedianMs: 50 },
  // Mutation scores per kernel folder, as last measured by npm run mutation + mutation:scores (too slow to rerun here).
  mutation: existsSync('bench/mutation.json') ? JSON.parse(readFileSync('bench/mutation.json', 'utf8')) : 'not measured: npm run mutation, then npm run mutation:scores',
};
mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify(results, null, 2));
