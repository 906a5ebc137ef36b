import { existsSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCapture } from '../src/import/openCapture';
import { captureToTrace } from '../src/import/toTrace';
import { traceToJson } from '../src/import/traceFile';
import { findScenario } from '../src/sim/scenarios';
import { simulate } from '../src/sim/simulate';
import { launchChromium } from './support/browser';
import { serveDir } from './support/server';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveDir>>;
let page: Page;
const errors: string[] = [];

/** A plain page with these elements; `files` are served as JSON beside it. */
async function openPlain(elements: string, files: Record<string, string> = {}): Promise<void> {
  const body = `<!doctype html><html><body style="margin:0"><script type="module" src="/element/wire-scene.js"></script>${elements}</body></html>`;
  await page.route('**/plain.html', (route) => route.fulfill({ contentType: 'text/html', body }));
  for (const [name, json] of Object.entries(files)) await page.route(`**/${name}`, (route) => route.fulfill({ contentType: 'application/json', body: json }));
  await page.goto('about:blank');
  await page.goto(`${server.url}/plain.html`);
  await page.waitForFunction(() => customElements.get('wire-scene'));
}

/** Each element once settled: why it failed (or 'ready'), its name, duration and every pixel of its canvas as a fingerprint. */
const settled = () =>
  page.evaluate(() =>
    Promise.all(
      ([...document.querySelectorAll('wire-scene')] as any[]).map(async (e) => {
        const why = await e.ready.then(() => 'ready', (err: any) => err.reason);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const c = e.shadowRoot.querySelector('canvas') as HTMLCanvasElement;
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let h = 0x811c9dc5;
        for (let i = 0; i < data.length; i++) h = Math.imul(h ^ data[i], 0x01000193);
        return {
          why,
          code: e.error?.code as number | undefined,
          text: e.shadowRoot.querySelector('[part=error]').textContent as string,
          label: e.shadowRoot.querySelector('figure').getAttribute('aria-label') as string,
          description: e.shadowRoot.getElementById('description')?.textContent as string,
          duration: e.duration as number,
          picture: `${c.width}x${c.height}:${(h >>> 0).toString(16)}`,
        };
      }),
    ),
  );

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

describe('<wire-scene src> with a trace file (wirescene-trace v1)', () => {
  it('a trace of the https scenario shows the same pictures as the scenario itself, and the same duration', async () => {
    errors.length = 0;
    const trace = traceToJson(simulate(findScenario('https')!));
    await openPlain('<wire-scene scenario="https" t="2.5" style="width:640px"></wire-scene><wire-scene src="handshake.trace.json" t="2.5" style="width:640px"></wire-scene>', { 'handshake.trace.json': trace });
    const [scenario, fromTrace] = await settled();
    expect(fromTrace.why).toBe('ready');
    expect(fromTrace.picture).toBe(scenario.picture);
    expect(fromTrace.duration).toBe(scenario.duration);
    expect(fromTrace.label).toBe('handshake.trace.json');
    expect(errors).toEqual([]);
  });

  it('a real capture imported as npm run import does: plays, and is named after its capture and conversation', async () => {
    errors.length = 0;
    const opened = openCapture(new Uint8Array(readFileSync('tests/fixtures/captures/tls13-http1.pcapng')));
    if (!opened.ok) throw new Error(opened.error);
    const imported = captureToTrace(opened.value, { keyLog: readFileSync('tests/fixtures/captures/tls13-http1.keys', 'utf8') });
    if (!imported.ok) throw new Error(imported.error);
    const trace = traceToJson(imported.value.sim, { capture: 'tls13-http1.pcapng', conversation: imported.value.conversation.id });
    await openPlain('<wire-scene src="call.json" t="1" controls style="width:640px"></wire-scene>', { 'call.json': trace });
    const [r] = await settled();
    expect(r.why).toBe('ready');
    expect(r.label).toBe(`tls13-http1.pcapng · ${imported.value.conversation.id}`);
    expect(r.description).toContain(`${imported.value.sim.packets.length} packets`);
    expect(r.duration).toBeGreaterThan(1);
    const moved = await page.locator('wire-scene').evaluate(async (e: any) => {
      await e.play();
      await new Promise((r) => setTimeout(r, 400));
      e.pause();
      return e.currentTime;
    });
    expect(moved).toBeGreaterThan(1);
    expect(errors).toEqual([]);
  });

  it('an invalid trace: error with reason invalid-trace, MediaError code 3, and a message that names the file, the problem and the fix', async () => {
    errors.length = 0;
    const good = JSON.parse(traceToJson(simulate(findScenario('https')!)));
    const files = {
      'future.json': JSON.stringify({ ...good, version: 2 }),
      'damaged.json': JSON.stringify({ ...good, events: [...good.events, { kind: 'send', atUs: 1, packetId: 9999 }] }),
      'empty.json': JSON.stringify({ format: 'wirescene-trace', version: 1, packets: [], events: [] }),
    };
    await openPlain(Object.keys(files).map((name) => `<wire-scene src="${name}"></wire-scene>`).join(''), files);
    const [future, damaged, empty] = await settled();
    for (const r of [future, damaged, empty]) expect(r).toMatchObject({ why: 'invalid-trace', code: 3, label: 'Network animation (not available)' });
    expect(future.text).toBe('future.json: trace file version 2 is not 1: import the capture again with this version');
    expect(damaged.text).toBe('damaged.json: trace file is damaged: event ' + good.events.length + ' names packet 9999, which the file does not have');
    expect(empty.text).toBe('empty.json: trace file is damaged: it has no "client", "server", "rttUs", "initialStates", "timers", "timing" (import the capture again)');
    // The page and the other elements go on.
    expect(errors).toEqual([]);
  });
});
