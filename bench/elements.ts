/**
 * Many <wire-scene> elements on one page: what sharing one WebGL renderer costs against what a
 * renderer per element (mounted near the viewport, released when far) would cost. Numbers only.
 */
import { pageScenarioIds } from '../src/sim/scenarios';
import { launchChromium } from '../tests/support/browser';
import { serveDir } from '../tests/support/server';

const COUNT = 20;

export async function elementFigures() {
  const server = await serveDir('dist');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    // tsx (esbuild keepNames) wraps named functions in __name(); give the page that helper.
    await page.addInitScript('window.__name = (f) => f');
    await page.addInitScript(`
      window.__gl = [];
      const get = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        const ctx = get.call(this, type, ...rest);
        if (ctx && /webgl/.test(type) && !window.__gl.includes(ctx)) window.__gl.push(ctx);
        return ctx;
      };`);
    const ids = pageScenarioIds().filter((id) => id !== 'bulk'); // bulk's plan alone takes seconds to build (the scale issue), not the element's cost
    const items = Array.from({ length: COUNT }, (_, i) => `<wire-scene scenario="${ids[i % ids.length]}" t="${1 + i * 0.3}" style="width:480px"></wire-scene>`);
    await page.route('**/many.html', (r) => r.fulfill({ contentType: 'text/html', body: `<!doctype html><body style="margin:0;display:flex;flex-wrap:wrap"><script type="module" src="/element/wire-scene.js"></script>${items.join('')}</body>` }));
    const t0 = Date.now();
    await page.goto(`${server.url}/many.html`);
    await page.evaluate(() => Promise.all([...document.querySelectorAll('wire-scene')].map((e: any) => e.ready)));
    const allReadyMs = Date.now() - t0;
    return await page.evaluate(
      async ({ allReadyMs, ids }) => {
        const els = [...document.querySelectorAll('wire-scene')] as any[];
        const live = () => (window as any).__gl.filter((gl: WebGLRenderingContext) => !gl.isContextLost()).length;
        const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        // 1. A new element once the shared renderer exists: its scene and first picture (model cached: same scenario).
        const addMs: number[] = [];
        for (let i = 0; i < 5; i++) {
          const el = document.createElement('wire-scene') as any;
          el.setAttribute('scenario', ids[0]);
          el.style.width = '480px';
          const s = performance.now();
          document.body.prepend(el);
          await el.ready;
          addMs.push(performance.now() - s);
          el.remove();
        }
        // 2. What a renderer per element pays each time one mounts: a WebGL context and its first clear
        // (Pixi's init, shader compile and the scene's text come on top of this).
        const contextMs: number[] = [];
        for (let i = 0; i < 5; i++) {
          const s = performance.now();
          const c = document.createElement('canvas');
          c.width = 960;
          c.height = 540;
          const gl = c.getContext('webgl2')!;
          gl.clearColor(0, 0, 0, 1);
          gl.clear(gl.COLOR_BUFFER_BIT);
          gl.finish();
          contextMs.push(performance.now() - s);
          gl.getExtension('WEBGL_lose_context')?.loseContext();
        }
        // 3. What sharing pays on every draw: copying a 960×540 WebGL picture into a 2D canvas.
        const src = document.createElement('canvas');
        src.width = 960;
        src.height = 540;
        const gl = src.getContext('webgl2')!;
        const dst = document.createElement('canvas');
        dst.width = 960;
        dst.height = 540;
        const ctx = dst.getContext('2d')!;
        // Thirty draws then one read back (which waits for them all), per draw.
        const s3 = performance.now();
        for (let i = 0; i < 30; i++) {
          gl.clearColor(i / 30, 0, 0, 1);
          gl.clear(gl.COLOR_BUFFER_BIT);
          ctx.drawImage(src, 0, 0);
        }
        ctx.getImageData(0, 0, 1, 1);
        const copyMs = (performance.now() - s3) / 30;
        gl.getExtension('WEBGL_lose_context')?.loseContext();
        // 4. Playing through the one renderer, one element and then all twenty: frames the page manages.
        const framesFor = async (playing: any[]) => {
          await Promise.all(playing.map((e) => e.play()));
          const gaps: number[] = [];
          let last = performance.now();
          await new Promise<void>((done) => {
            const end = last + 3000;
            const tick = (now: number) => {
              gaps.push(now - last);
              last = now;
              if (now < end) requestAnimationFrame(tick);
              else done();
            };
            requestAnimationFrame(tick);
          });
          playing.forEach((e) => e.pause());
          return gaps;
        };
        const oneGaps = await framesFor(els.slice(0, 1));
        const gaps = await framesFor(els);
        return {
          elements: els.length,
          allReadyMs,
          liveWebglContexts: live(),
          addElementMedianMs: Math.round(med(addMs) * 10) / 10,
          newWebglContextMedianMs: Math.round(med(contextMs) * 10) / 10,
          copyToCanvas2dMs: Math.round(copyMs * 100) / 100,
          onePlayingFrameGapMedianMs: Math.round(med(oneGaps) * 10) / 10,
          allPlayingFrameGapMedianMs: Math.round(med(gaps) * 10) / 10,
          allPlayingFps: Math.round((gaps.length / 3) * 10) / 10,
        };
      },
      { allReadyMs, ids },
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

export const elementsNote =
  'one shared WebGL renderer for every <wire-scene>: liveWebglContexts includes Pixi\'s shader-probe context; copyToCanvas2dMs is what sharing adds per draw, newWebglContextMedianMs a lower bound on what a renderer per element adds at every mount (Pixi init, shaders and text on top)';


