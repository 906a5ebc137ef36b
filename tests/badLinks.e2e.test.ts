import { describe, expect, it } from 'vitest';
import { createPrng } from '../src/sim/prng';
import { open, page, pageErrorList, setupAppPage } from './support/appPage';

setupAppPage();

const BAD: [string, RegExp][] = [
  ['#t=abc', /Ignored t="abc"/],
  ['#t=-5', /Ignored t="-5"/],
  ['#t=1e999', /Ignored t="1e999"/],
  ['#t=NaN', /Ignored t="NaN"/],
  ['#t=Infinity', /Ignored t="Infinity"/],
  ['#t=', /Ignored t=""/],
  ['#t=0x10', /Ignored t="0x10"/],
  ['#t=1,5', /Ignored t="1,5"/],
  ['#t=%20%20', /Ignored t=/],
  ['#t=99999', /past the end/],
  ['#t=' + '7'.repeat(5000), /Ignored t="7{24}…"/],
  ['#scenario=nope', /Unknown scenario "nope"/],
  ['#scenario=', /Unknown scenario ""/],
  ['#scenario=../../etc/passwd', /Unknown scenario/],
  ['#scenario=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', /Unknown scenario "<img src=x onerror=/],
  ['#scenario=https&scenario=nope', /$/],
  ['#<script>alert(1)</script>', /Ignored unknown setting "<script>alert/],
  ['#t=<script>alert(1)</script>', /Ignored t="<script>/],
  ['#javascript:alert(1)', /Ignored unknown setting "javascript:alert\(1\)"/],
  ['#speed=0', /Ignored speed="0"/],
  ['#speed=-1', /Ignored speed="-1"/],
  ['#speed=100', /Ignored speed="100"/],
  ['#speed=fast', /Ignored speed="fast"/],
  ['#range=5-1', /Ignored range="5-1"/],
  ['#range=1-99999', /Ignored range="1-99999"/],
  ['#range=abc', /Ignored range="abc"/],
  ['#range=1-2-3', /Ignored range="1-2-3"/],
  ['#range=-1-2', /Ignored range="-1-2"/],
  ['#loop=yes', /Ignored loop="yes"/],
  ['#loop=', /Ignored loop=""/],
  ['#foo=bar', /Ignored unknown setting "foo"/],
  ['#%E0%A4%A', /$/],
  ['#&&&===&&', /$/],
  ['#t=1&t=2', /$/],
  ['#embed=0&zzz=1', /Ignored unknown setting "zzz"/],
];

async function alive(): Promise<{ frame: number; last: number; drawn: number }> {
  return page.evaluate(() => {
    const w = (window as any).wirescene;
    return { frame: w.player.frame, last: w.player.lastFrame, drawn: w.stats.framesDrawn };
  });
}

describe('bad links', () => {
  it.each(BAD)('%s: a plain notice, a sane fallback, no error', async (hash, message) => {
    await open(hash);
    const state = await alive();
    expect(state.frame).toBeGreaterThanOrEqual(0);
    expect(state.frame).toBeLessThanOrEqual(state.last);
    const notice = (await page.locator('#notice').isVisible()) ? await page.locator('#notice').innerText() : '';
    expect(notice).toMatch(message);
    expect(notice.length).toBeLessThan(600);
    expect(await page.locator('#notice img').count()).toBe(0); // shown as text, never as markup
    expect(pageErrorList()).toEqual([]);
  });

  it('survives hundreds of random hashes (seeded fuzz) typed into the address bar', async () => {
    await open();
    const rng = createPrng(4242);
    const pick = <T>(xs: T[]) => xs[rng.u32() % xs.length];
    const keys = ['t', 'scenario', 'speed', 'range', 'loop', 'embed', 'x', '', '<b>', '%00', 't[]', '__proto__', 'constructor'];
    const values = ['', '0', '-1', '1e308', '1e999', '2.35', '99999', 'NaN', 'https', 'https-random-isn', '1-2', '3-1', '1.5', '0.1', '4', '1', 'true', '%', '%ZZ', '<svg onload=alert(1)>', '"', "'", '\\', '\u0000', '😀', 'a'.repeat(300), '&', '=', '#'];
    for (let i = 0; i < 300; i++) {
      const parts = Array.from({ length: 1 + (rng.u32() % 4) }, () => `${pick(keys)}=${pick(values)}`);
      const hash = `#${parts.join(pick(['&', '&&', ';', '&amp;']))}`;
      await page.evaluate((h) => (location.hash = h), hash);
      const state = await alive();
      expect(state.frame, hash).toBeGreaterThanOrEqual(0);
      expect(state.frame, hash).toBeLessThanOrEqual(state.last);
    }
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const before = (await alive()).drawn;
    await page.keyboard.press('End');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect((await alive()).drawn).toBeGreaterThan(before);
    expect(pageErrorList()).toEqual([]);
  });
});
