/**
 * npm run bench: measures the built app (dist/) in the pinned Chromium and the pure
 * kernels in Node, and writes bench/results.json. Numbers only; nothing here asserts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createPrng } from '../src/sim/prng';
import { findScenario } from '../src/sim/scenarios';
import { simulate } from '../src/sim/simulate';
import { schedule } from '../src/timeline/schedule';
import { launchChromium } from '../tests/support/browser';
import { serveDir } from '../tests/support/server';
import { appBundleSize, cryptoBundleSize } from './bundleSize';
import { median, percentile, round } from './stats';

const SEEKS = 1000;
const RENDERS = 120;
const LOADS = 5;

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
    return {
      firstFrameMs: { median: round(median(firstFrameMs), 1), samples: firstFrameMs.map((x) => round(x, 1)) },
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

const results = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
  kernels: kernels(),
  bundle: { app: appBundleSize(), crypto: await cryptoBundleSize() },
  page: await browserFigures(),
  targets: { seekAndSceneUpdateMedianMs: 1, firstFrameMs: 1000, simulateMedianMs: 50 },
};
mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify(results, null, 2));
