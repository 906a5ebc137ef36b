import { existsSync } from 'node:fs';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { serveDir } from './support/server';
import { STRICT_POLICY } from './support/strictPolicy';

// The player (dist/) and the page that frames it (a static fixture) on two origins, as on the web,
// both under the strict policy: the parent's script is a file too.
let app: Awaited<ReturnType<typeof serveDir>>;
let host: Awaited<ReturnType<typeof serveDir>>;
let browser: Browser;
let page: Page;
const warnings: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  app = await serveDir('dist', { headers: { 'Content-Security-Policy': STRICT_POLICY } });
  host = await serveDir('tests/fixtures/embed-parent', { headers: { 'Content-Security-Policy': `${STRICT_POLICY}; frame-src 'self' ${app.url}` } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
    else if (m.type() === 'error' || /Content Security Policy|Trusted Type/i.test(m.text())) problems.push(m.text());
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await host?.close();
});

interface Event {
  type: string;
  event: string;
  currentTime: number;
  duration: number;
  scenario: string;
}
const received = () => page.evaluate(() => (window as any).received as Event[]);
const clearReceived = () => page.evaluate(() => ((window as any).received.length = 0));
const send = (message: unknown) => page.evaluate((m) => (window as any).send(m), message);
const waitFor = async (event: string, scenario?: string) => {
  await expect.poll(async () => (await received()).some((e) => e.event === event && (!scenario || e.scenario === scenario)), { timeout: 20_000 }).toBe(true);
  return (await received()).find((e) => e.event === event && (!scenario || e.scenario === scenario))!;
};
const playerFrame = (): Frame => page.frames().find((f) => f.url().startsWith(`${app.url}/index.html`))!;
const playerState = () => playerFrame().evaluate(() => ({ frame: (window as any).wirescene.player.frame as number, playing: (window as any).wirescene.player.playing as boolean, title: document.title }));

describe('the iframe embed over postMessage', () => {
  it('says ready, and obeys play, pause, seek and setScenario from its parent with events back', async () => {
    await page.goto(`${host.url}/parent.html?src=${encodeURIComponent(`${app.url}/embed.html#t=2.00`)}`);
    const ready = await waitFor('ready');
    expect(ready).toMatchObject({ type: 'wirescene', event: 'ready', currentTime: 2, scenario: 'https' });
    expect(ready.duration).toBeGreaterThan(5);

    await clearReceived();
    await send({ type: 'wirescene', command: 'seek', time: 3.5 });
    expect(await waitFor('timeupdate')).toMatchObject({ currentTime: 3.5, duration: ready.duration });
    expect((await playerState()).frame).toBe(210);

    await clearReceived();
    await send({ type: 'wirescene', command: 'play' });
    await waitFor('play');
    await page.waitForTimeout(1500);
    await send({ type: 'wirescene', command: 'pause' });
    const paused = await waitFor('pause');
    const during = await received();
    const updates = during.filter((e) => e.event === 'timeupdate');
    // Throttled: ≤ 4 a second while playing (≈1.5 s here), where a frame changes 60 times a second.
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(updates.length).toBeLessThanOrEqual(8);
    expect(paused.currentTime).toBeGreaterThan(3.5);
    expect(updates.every((u, i) => i === 0 || u.currentTime > updates[i - 1].currentTime)).toBe(true);
    expect((await playerState()).playing).toBe(false);

    await clearReceived();
    await send({ type: 'wirescene', command: 'seek', time: ready.duration - 0.3 });
    await send({ type: 'wirescene', command: 'play' });
    const ended = await waitFor('ended');
    expect(ended.currentTime).toBe(ready.duration);
    expect((await received()).map((e) => e.event).slice(-2)).toEqual(['pause', 'ended']);

    await clearReceived();
    await send({ type: 'wirescene', command: 'setScenario', scenario: 'lost-syn' });
    expect(await waitFor('ready', 'lost-syn')).toMatchObject({ currentTime: 0, scenario: 'lost-syn' });
    expect(await playerFrame().evaluate(() => (document.querySelector('#scenario') as HTMLSelectElement).value)).toBe('lost-syn');
    expect(warnings).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('ignores commands from another window on the page', async () => {
    await page.goto(`${host.url}/parent.html?src=${encodeURIComponent(`${app.url}/embed.html#t=1.00`)}`);
    await waitFor('ready');
    await clearReceived();
    await page.evaluate(() => (window as any).sendFromSibling({ type: 'wirescene', command: 'play' }));
    await page.evaluate(() => (window as any).sendFromSibling({ type: 'wirescene', command: 'seek', time: 4 }));
    await page.waitForTimeout(700);
    expect(await playerState()).toMatchObject({ frame: 60, playing: false });
    expect(await received()).toEqual([]);
    // The same command from the parent works: the sibling's were refused for where they came from.
    await send({ type: 'wirescene', command: 'seek', time: 4 });
    await waitFor('timeupdate');
    expect((await playerState()).frame).toBe(240);
    expect(warnings).toEqual([]);
  });

  it('warns once about a malformed command and changes nothing', async () => {
    await page.goto(`${host.url}/parent.html?src=${encodeURIComponent(`${app.url}/embed.html#t=1.00`)}`);
    await waitFor('ready');
    await clearReceived();
    warnings.length = 0;
    await send({ type: 'wirescene', command: 'seek', time: 'soon' });
    await send({ type: 'someone-else', command: 'play' }); // another widget's message: not ours, no warning
    await expect.poll(() => warnings.length).toBe(1);
    await page.waitForTimeout(500);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/wirescene embed: ignored a message: "time"/);
    expect(await playerState()).toMatchObject({ frame: 60, playing: false });
    expect(await received()).toEqual([]);
    warnings.length = 0;
    await send({ type: 'wirescene', command: 'setScenario', scenario: 'nope' });
    await expect.poll(() => warnings.length).toBe(1);
    expect(warnings[0]).toMatch(/unknown scenario "nope"/);
    expect((await playerState()).frame).toBe(60);
    warnings.length = 0;
  });

  it('a page that is not framed does not listen (a message to itself does nothing)', async () => {
    await page.goto(`${app.url}/index.html#scenario=https&t=1.00&embed=1`);
    await page.waitForFunction(() => (window as any).wirescene?.stats.framesDrawn > 0);
    await page.evaluate(() => window.postMessage({ type: 'wirescene', command: 'play' }, '*'));
    await page.evaluate(() => window.postMessage({ type: 'wirescene', command: 'seek', time: 'x' }, '*'));
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => ({ frame: (window as any).wirescene.player.frame, playing: (window as any).wirescene.player.playing }))).toEqual({ frame: 60, playing: false });
    expect(warnings).toEqual([]);
    expect(problems).toEqual([]);
  });
});
