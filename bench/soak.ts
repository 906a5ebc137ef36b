/**
 * Soak: the default scenario looped at 4× in the built app for 200 loops (about 17 minutes),
 * sampling the JS heap and the DOM node count after a forced GC every ten loops. A leak per
 * loop (a listener, a Text, a log row kept) shows as growth between the sample after the first
 * ten loops and the one after the last ten. Numbers only; `npm run bench:soak` writes them into
 * bench/results.json (`soak`), `npm run bench -- --soak` measures them with everything else.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import chromium from '@sparticuz/chromium';
import { type Page, chromium as playwright } from 'playwright-core';
import { serveDir } from '../tests/support/server';
import { round } from './stats';

const LOOPS = 200;
const EVERY = 10;
const SPEED = 4;
/** The figure the issue sets: heap and DOM nodes flat within this, first ten loops against the last ten. */
const FLAT_PCT = 10;

interface Sample {
  loop: number;
  heapUsedBytes: number;
  domNodes: number;
  documentNodes: number;
  jsEventListeners: number;
  gpuTextures: number;
}

type Cdp = Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>;

/**
 * At a loop boundary: pause at frame 0 (every sample shows the same moment, so the log, the
 * inspector and the scene hold the same things), collect, count, and play on.
 */
async function sample(page: Page, cdp: Cdp, loop: number): Promise<Sample> {
  await page.evaluate(async () => {
    const { player } = (window as any).wirescene;
    player.pause();
    player.seek(0);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  // Blink's leak-detection pass: V8 and Blink (Oilpan) collected until nothing more goes, then the
  // counts; a plain V8 collection leaves unreachable DOM nodes in Memory.getDOMCounters.
  await cdp.send('Memory.prepareForLeakDetection');
  const live = await cdp.send('Memory.getDOMCountersForLeakDetection');
  const liveNodes = live.counters.find((c: { name: string; count: number }) => c.name === 'live_nodes')?.count ?? Number.NaN;
  const { jsEventListeners } = await cdp.send('Memory.getDOMCounters');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const inPage = await page.evaluate(() => {
    const w = (window as any).wirescene;
    const figures = { documentNodes: document.getElementsByTagName('*').length, gpuTextures: w.view.app.renderer.texture.managedTextures.length as number };
    w.player.play();
    return figures;
  });
  return { loop, heapUsedBytes: heap.usedSize, domNodes: liveNodes, jsEventListeners, ...inPage };
}

const growthPct = (first: number, last: number) => round(((last - first) / first) * 100, 1);

export async function soakFigures(loops = LOOPS, site = 'dist') {
  const server = await serveDir(site);
  // The pinned Chromium, as tests/support/browser starts it, plus gc() for Blink's leak-detection pass.
  const browser = await playwright.launch({ executablePath: await chromium.executablePath(), args: [...chromium.args, '--js-flags=--expose-gc'], headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
    const cdp = await page.context().newCDPSession(page);
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => (window as any).wirescene?.stats.framesDrawn > 0);
    const startedMs = Date.now();
    const { scenario, loopS } = await page.evaluate((speed) => {
      const w = (window as any).wirescene;
      const player = w.player;
      (window as any).__loops = 0;
      let previous = player.frame;
      // A loop ends where the frame wraps back to the start (Player keeps the overshoot).
      player.subscribe((s: { frame: number }) => {
        if (s.frame < previous) (window as any).__loops++;
        previous = s.frame;
      });
      player.setSpeed(speed);
      player.setLoop(true);
      player.seek(0);
      player.play();
      return { scenario: w.model.scenario.id as string, loopS: player.frameCount / player.fps / speed };
    }, SPEED);
    const samples: Sample[] = [];
    for (let at = EVERY; at <= loops; at += EVERY) {
      await page.waitForFunction((n) => (window as any).__loops >= n, at, { timeout: (EVERY * loopS + 60) * 1000, polling: 250 });
      samples.push(await sample(page, cdp, at));
    }
    const drawn = await page.evaluate(() => (window as any).wirescene.stats.framesDrawn as number);
    const first = samples[0];
    const last = samples[samples.length - 1];
    const heap = growthPct(first.heapUsedBytes, last.heapUsedBytes);
    const nodes = growthPct(first.domNodes, last.domNodes);
    return {
      scenario,
      speed: SPEED,
      loops,
      loopSeconds: round(loopS, 2),
      wallSeconds: round((Date.now() - startedMs) / 1000, 0),
      framesDrawn: drawn,
      heapUsedMB: { afterFirstTen: round(first.heapUsedBytes / 2 ** 20, 2), afterLastTen: round(last.heapUsedBytes / 2 ** 20, 2), growthPct: heap },
      domNodes: { afterFirstTen: first.domNodes, afterLastTen: last.domNodes, growthPct: nodes },
      flat: Math.abs(heap) <= FLAT_PCT && Math.abs(nodes) <= FLAT_PCT,
      target: `JS heap and DOM nodes within ${FLAT_PCT} % between the sample after loop ${EVERY} and after loop ${loops}`,
      method: `built app, default scenario, player at ${SPEED}× looping; every ${EVERY} loops, paused at frame 0: CDP Memory.prepareForLeakDetection (V8 and Blink collected) then Memory.getDOMCountersForLeakDetection (live_nodes: every node alive, detached ones included) and Memory.getDOMCounters (jsEventListeners), HeapProfiler.collectGarbage then Runtime.getHeapUsage (usedSize); documentNodes counts the elements in the document, gpuTextures Pixi's managed textures`,
      samples,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  // tsx bench/soak.ts [LOOPS [SITE]]: SITE, a copy of dist/, lets a rebuild run meanwhile.
  const soak = await soakFigures(Number(process.argv[2] ?? LOOPS), process.argv[3]);
  const file = 'bench/results.json';
  const results = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  writeFileSync(file, `${JSON.stringify({ ...results, soak: { measuredAt: new Date().toISOString(), ...soak } }, null, 2)}\n`);
  console.log(JSON.stringify(soak, null, 2));
}
