import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturedPackets, writePcapng } from '../src/export/pcapng';
import { findPacket } from '../src/article/moments';
import { findScenario } from '../src/sim/scenarios';
import { simulate } from '../src/sim/simulate';
import { page, server, setupAppPage } from './support/appPage';
import { compareWithGolden } from './support/golden';

setupAppPage();

let consoleErrors: string[] = [];

/** Loads article.html with a hash and waits for the figure's first frame. */
async function openArticle(hash = '') {
  consoleErrors = [];
  page.removeAllListeners('console');
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto('about:blank');
  await page.goto(`${server.url}/article.html${hash}`);
  await page.waitForFunction(() => (window as any).wiresceneArticle?.figure.stats.framesDrawn > 0);
  await settle();
}

const settle = () => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
const figure = () => page.evaluate(() => (window as any).wiresceneArticle.figure.current as { scenario: string; frame: number; playing: boolean });
const steps = () => page.evaluate(() => (window as any).wiresceneArticle.resolved.steps.map((s: any) => ({ ...s.range, section: s.section })) as { scenario: string; from: number; to: number; section: number }[]);

/** Scrolls so that the reading line is `at` of the way through step i (what a reader does). */
async function scrollToStep(i: number, at = 0.5) {
  await page.evaluate(
    ([i, at]) => {
      const a = (window as any).wiresceneArticle;
      const box = a.boxes()[i];
      scrollTo(0, box.top + (box.bottom - box.top) * at - a.readingLine());
    },
    [i, at] as const,
  );
  await settle();
  await settle();
}

describe('the article', () => {
  it('scrolling through every section moves the player to each section\'s range, in order, and back', async () => {
    await openArticle();
    const all = await steps();
    const sections = await page.evaluate(() => (window as any).wiresceneArticle.resolved.sections.map((s: any) => ({ id: s.id, scenario: s.scenario, ...s.range })));
    const seen: string[] = [];
    const check = async (i: number) => {
      await scrollToStep(i);
      const f = await figure();
      const s = all[i];
      expect(f.scenario, `step ${i}`).toBe(s.scenario);
      expect(f.frame, `step ${i}`).toBeGreaterThanOrEqual(s.from);
      expect(f.frame, `step ${i}`).toBeLessThanOrEqual(s.to);
      const sec = sections[s.section];
      expect(f.frame).toBeGreaterThanOrEqual(sec.from);
      expect(f.frame).toBeLessThanOrEqual(sec.to);
      if (seen.at(-1) !== sec.id) seen.push(sec.id);
      // The step that scrolling shows is the one highlighted.
      expect(await page.locator('.step.current').getAttribute('data-step')).toBe(String(i));
    };
    for (let i = 0; i < all.length; i++) await check(i);
    expect(seen).toEqual(sections.map((s: { id: string }) => s.id));
    // Back up: the same positions give the same frames.
    const forward: number[] = [];
    for (let i = 0; i < all.length; i += 3) {
      await scrollToStep(i, 0.25);
      forward.push((await figure()).frame);
    }
    const backward: number[] = [];
    for (let i = all.length - 1 - ((all.length - 1) % 3); i >= 0; i -= 3) {
      await scrollToStep(i, 0.25);
      backward.unshift((await figure()).frame);
    }
    expect(backward).toEqual(forward);
    // Within a moving step, the figure follows the scroll position in proportion.
    const moving = all.findIndex((s) => s.to - s.from > 60);
    await scrollToStep(moving, 0);
    const a = (await figure()).frame;
    await scrollToStep(moving, 0.5);
    const b = (await figure()).frame;
    await scrollToStep(moving, 1);
    const c = (await figure()).frame;
    expect(a).toBeLessThan(b);
    expect(b).toBeLessThan(c);
    expect(consoleErrors).toEqual([]);
  });

  it('clicking each term link seeks the player to its moment, and highlights it', async () => {
    await openArticle();
    const count = await page.locator('#prose .step a.moment').count();
    expect(count).toBeGreaterThan(25);
    for (let i = 0; i < count; i++) {
      const link = page.locator('#prose .step a.moment').nth(i);
      await link.scrollIntoViewIfNeeded();
      await settle();
      await settle();
      const want = { scenario: await link.getAttribute('data-scenario'), frame: Number(await link.getAttribute('data-at')) };
      await link.click();
      await settle();
      const f = await figure();
      expect({ scenario: f.scenario, frame: f.frame }, await link.innerText()).toEqual(want);
    }
    expect(consoleErrors).toEqual([]);
  });

  it('each checkpoint hints on a wrong answer, accepts the right one, then shows it', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    try {
      await openArticle();
      const forms = page.locator('form.checkpoint');
      const n = await forms.count();
      expect(n).toBeGreaterThanOrEqual(3);
      const checkpoints = await page.evaluate(() => {
        const a = (window as any).wiresceneArticle;
        return a.resolved.steps
          .filter((s: any) => s.block.kind === 'checkpoint')
          .map((s: any) => ({ scenario: s.range.scenario, value: a.resolved.value(s.range.scenario, s.block.answer), show: a.resolved.moment(s.range.scenario, s.block.show).at }));
      });
      for (let i = 0; i < n; i++) {
        const form = forms.nth(i);
        const { value, scenario, show } = checkpoints[i];
        await form.locator('input').fill(String(value.number + 7));
        await form.locator('input').press('Enter');
        expect(await form.getAttribute('data-state')).toBe('wrong');
        expect(await form.locator('.verdict').innerText()).toContain('Hint:');
        await form.locator('input').fill(value.text);
        await form.locator('button', { hasText: 'check' }).click();
        await settle();
        expect(await form.getAttribute('data-state')).toBe('right');
        expect(await form.locator('.verdict').innerText()).toContain(value.text);
        expect(await figure()).toMatchObject({ scenario, frame: show }); // reduced motion: it jumps there
      }
    } finally {
      await page.emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('plays a right answer to its moment (no reduced motion)', async () => {
    await openArticle('#three-packets');
    const form = page.locator('form.checkpoint').first();
    const want = await page.evaluate(() => {
      const a = (window as any).wiresceneArticle;
      return { ack: a.resolved.value(a.mainScenario, 'SYN-ACK.ack').text, at: a.resolved.moment(a.mainScenario, 'SYN-ACK').at };
    });
    await scrollToStep(Number(await form.getAttribute('data-step')), 0.5);
    expect((await figure()).frame).toBeLessThan(want.at); // the answer is not on screen yet
    await form.locator('input').fill(want.ack);
    await form.locator('input').press('Enter');
    expect((await figure()).playing).toBe(true);
    await page.waitForFunction((at) => (window as any).wiresceneArticle.figure.current.frame === at, want.at, { timeout: 20_000 });
    expect((await figure()).playing).toBe(false);
  });

  it('opens a section at a moment from its link, and copies a link to the moment shown', async () => {
    await openArticle('#why-random-isn&t=2.00');
    expect(await figure()).toMatchObject({ scenario: 'https', frame: 120 });
    const top = await page.evaluate(() => document.querySelector('#why-random-isn')!.getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(40);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.locator('#why-random-isn .copy-moment').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${server.url}/article.html#why-random-isn&t=2.00`);
  });

  it('exports a section: the exporter over its range, its title as the caption', async () => {
    await openArticle('#loss');
    await page.locator('#loss .export-section').click();
    await expect.poll(() => page.locator('#export-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    const range = await page.evaluate(() => {
      const a = (window as any).wiresceneArticle;
      const s = a.resolved.sections.find((x: any) => x.id === 'loss');
      return `${s.range.from / 60}-${s.range.to / 60}`;
    });
    // The range offered is the section's (in/out), chosen; the command names its scenario.
    await expect.poll(() => page.locator('#export-dialog select').evaluateAll((ss) => ss.map((x) => (x as HTMLSelectElement).value))).toContain(range);
    await page.keyboard.press('Escape');
    expect(consoleErrors).toEqual([]);
  });

  const hasTshark = spawnSync('tshark', ['--version']).status === 0;
  it.skipIf(!hasTshark).each(['https', 'https-random-isn'])('prints, with #scenario=%s, the numbers the capture holds', async (id) => {
    await openArticle(id === 'https' ? '' : `#scenario=${id}`);
    const values = await page.evaluate(
      (id) => [...document.querySelectorAll<HTMLElement>(`.value[data-scenario="${id}"]`)].map((v) => ({ name: v.dataset.value!, text: v.textContent! })),
      id,
    );
    const sim = simulate(findScenario(id)!);
    const file = join(mkdtempSync(join(tmpdir(), 'article-')), `${id}.pcapng`);
    writeFileSync(file, writePcapng(sim)); // what `npm run capture -- --scenario ID` writes
    const rows = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'tcp.seq_raw', '-e', 'tcp.ack_raw', '-e', 'tcp.len', '-e', 'ip.len', '-e', 'frame.time_relative'], { encoding: 'utf8' })
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t'));
    const seen = capturedPackets(sim);
    const column = { seq: 0, ack: 1, len: 2, bytes: 3 } as const;
    let checked = 0;
    for (const { name, text } of values) {
      const m = /^(.*)\.(seq|ack|len|bytes)$/.exec(name);
      if (!m) continue;
      const row = rows[seen.findIndex((p) => p.id === findPacket(sim, m[1]).id)];
      expect(text.replace(/,/g, ''), name).toBe(row[column[m[2] as keyof typeof column]]);
      checked++;
    }
    expect(checked).toBeGreaterThan(15);
    const rtt = values.find((v) => v.name === 'rtt')!;
    const syn = rows[0];
    const synAck = rows[1];
    expect(rtt.text).toBe(`${Math.round((Number(synAck[4]) - Number(syn[4])) * 1000)} ms`);
    if (id === 'https-random-isn') expect(Number(values.find((v) => v.name === 'SYN.seq')!.text)).toBeGreaterThan(65535);
  });

  it('shows the sticky figure as the goldens at four scroll positions', async () => {
    await openArticle();
    const positions: [string, string, number][] = [
      ['article-figure-three-packets', 'server:SYN_RCVD', 0.5],
      ['article-figure-loss', 'retransmission', 0.5],
      ['article-figure-tls13', 'ServerHello', 0.6],
      ['article-figure-closing', 'TIME_WAIT', 0.5],
    ];
    for (const [name, moment, at] of positions) {
      // The step that names the moment, scrolled to a fixed share of it: a deterministic frame.
      const i = await page.evaluate((moment) => [...document.querySelectorAll('.step')].findIndex((s) => s.querySelector(`a.moment[data-moment="${moment}"]`)), moment);
      expect(i, moment).toBeGreaterThanOrEqual(0);
      const step = Number(await page.locator('.step').nth(i).getAttribute('data-step'));
      await scrollToStep(step, at);
      await page.mouse.move(0, 0);
      const png = await page.locator('.figure').screenshot({ animations: 'disabled', caret: 'hide' });
      const result = compareWithGolden(name, png.toString('base64'), 0);
      expect(result.status, result.message).not.toBe('mismatch');
      expect(result.status, result.message).not.toBe('missing');
    }
  });

  it.each([
    ['dark', 1360, 1000],
    ['light', 1360, 1000],
    ['dark', 360, 740],
    ['light', 360, 740],
  ] as const)('scrolls end to end with no page or console error (%s theme, %i px), with no sideways scroll', async (theme, width, height) => {
    await page.setViewportSize({ width, height });
    try {
      await page.emulateMedia({ colorScheme: theme });
      await openArticle();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      const total = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0; y <= total; y += Math.round(height * 0.6)) {
        await page.evaluate((y) => scrollTo(0, y), y);
        await settle();
      }
      await page.evaluate(() => scrollTo(0, 0));
      await settle();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      if (width === 360) {
        // A phone: the player above the prose, stuck to the top while the prose scrolls.
        const fig = (await page.locator('.figure').boundingBox())!;
        const prose = (await page.locator('#prose').boundingBox())!;
        expect(fig.width).toBeLessThanOrEqual(360);
        expect(prose.y).toBeGreaterThanOrEqual(fig.y + fig.height - 1);
      }
      expect(consoleErrors).toEqual([]);
    } finally {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.setViewportSize({ width: 1360, height: 1000 });
    }
  });

  it('prints a still per section and hides the player', async () => {
    await openArticle();
    await page.waitForFunction(() => document.querySelectorAll('.print-still[data-drawn]').length === document.querySelectorAll('.article-section').length, null, { timeout: 30_000 });
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('.figure').isVisible()).toBe(false);
      const stills = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLCanvasElement>('.print-still')].map((c) => {
          const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          const colours = new Set<number>();
          for (let i = 0; i < d.length; i += 4 * 97) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
          return { visible: c.getBoundingClientRect().height > 50, colours: colours.size };
        }),
      );
      const sections = await page.locator('.article-section').count();
      expect(stills).toHaveLength(sections);
      for (const s of stills) expect(s).toMatchObject({ visible: true });
      for (const s of stills) expect(s.colours).toBeGreaterThan(3); // a picture, not a blank
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });
});
