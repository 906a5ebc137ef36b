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
const hasTshark = spawnSync('tshark', ['--version']).status === 0;

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

  describe('the TLS 1.2 against TLS 1.3 section', () => {
    const id = 'tls12-vs-tls13';
    /** tshark's reading of the scenario's capture: per TCP stream, each frame's time and what it carries. */
    function tsharkFrames() {
      const sim = simulate(findScenario(id)!);
      const file = join(mkdtempSync(join(tmpdir(), 'article-')), `${id}.pcapng`);
      writeFileSync(file, writePcapng(sim)); // what `npm run capture -- --scenario tls12-vs-tls13` writes
      const fields = ['tcp.stream', 'frame.time_relative', 'tcp.flags.syn', 'tcp.flags.ack', 'tls.handshake.type', 'tls.record.content_type', 'http.request.method', 'http.response.code'];
      const rows = execFileSync('tshark', ['-r', file, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8' })
        .replace(/\n$/, '')
        .split('\n')
        .map((l) => {
          const [stream, t, syn, ack, hs, ct, method, code] = l.split('\t');
          return { stream, ms: Number(t) * 1000, syn: syn === '1', ack: ack === '1', handshake: hs ? hs.split(',') : [], records: ct ? ct.split(',') : [], method, code };
        });
      return { sim, rows, seen: capturedPackets(sim) };
    }

    it.skipIf(!hasTshark)('prints the round trips and times of each handshake that tshark reads from the capture', async () => {
      await openArticle('#tls12');
      const printed = await page.evaluate(
        (id) => Object.fromEntries([...document.querySelectorAll<HTMLElement>(`#tls12 .value[data-scenario="${id}"]`)].map((v) => [v.dataset.value!, v.textContent!])),
        id,
      );
      const { rows } = tsharkFrames();
      const first = (stream: string, is: (r: (typeof rows)[number]) => boolean) => rows.find((r) => r.stream === stream && is(r))!.ms;
      const syn = (st: string) => first(st, (r) => r.syn && !r.ack);
      const rtt = first('0', (r) => r.syn && r.ack) - syn('0');
      // Stream 0 carries the ServerKeyExchange (type 12): TLS 1.2. Stream 1 is TLS 1.3.
      expect([...new Set(rows.filter((r) => r.handshake.includes('12')).map((r) => r.stream))]).toEqual(['0']);
      for (const [stream, v] of [['0', 'tls12'], ['1', 'tls13']] as const) {
        const hello = first(stream, (r) => r.handshake.includes('1'));
        const get = first(stream, (r) => r.method === 'GET');
        const ok = first(stream, (r) => r.code === '200');
        expect(printed[`rtts.${v}`], v).toBe(String(Math.round((get - hello) / rtt)));
        expect(printed[`rtts.firstByte.${v}`], v).toBe(String(Math.round((ok - syn(stream)) / rtt)));
        expect(printed[`ms.firstByte.${v}`], v).toBe(`${Math.round((ok - syn(stream)) * 10) / 10} ms`);
      }
      expect(printed.rtt).toBe(`${Math.round(rtt)} ms`);
      expect([printed['rtts.tls12'], printed['rtts.tls13']]).toEqual(['2', '1']);
      expect(consoleErrors).toEqual([]);
    });

    it.skipIf(!hasTshark)('links each TLS 1.2 message to the packet tshark finds it in, and seeks there', async () => {
      await openArticle('#tls12');
      const { sim, rows, seen } = tsharkFrames();
      // RFC 5246 §7.4 handshake types; content type 20 is ChangeCipherSpec (§6.2.1).
      const carries: Record<string, (r: (typeof rows)[number]) => boolean> = {
        ServerKeyExchange: (r) => r.handshake.includes('12'),
        ServerHelloDone: (r) => r.handshake.includes('14'),
        Certificate: (r) => r.handshake.includes('11'),
        ClientKeyExchange: (r) => r.handshake.includes('16'),
        ChangeCipherSpec: (r) => r.records.includes('20'),
      };
      const links = page.locator('#tls12 a.moment');
      const n = await links.count();
      const checked: string[] = [];
      for (let i = 0; i < n; i++) {
        const link = links.nth(i);
        const selector = (await link.getAttribute('data-moment'))!;
        const m = /^(\w+?)(?:\.(\d+))?$/.exec(selector);
        if (m && carries[m[1]]) {
          const row = rows[seen.findIndex((p) => p.id === findPacket(sim, selector).id)];
          const all = rows.filter((r) => r.stream === '0' && carries[m[1]](r));
          expect(row, selector).toBe(all[Number(m[2] ?? 1) - 1]);
          checked.push(selector);
        }
        await link.scrollIntoViewIfNeeded();
        await settle();
        await link.click();
        await settle();
        expect(await figure(), selector).toMatchObject({ scenario: id, frame: Number(await link.getAttribute('data-at')) });
      }
      expect(checked).toEqual(expect.arrayContaining(['ServerKeyExchange', 'ServerHelloDone', 'ClientKeyExchange', 'ChangeCipherSpec', 'ChangeCipherSpec.2']));
      expect(consoleErrors).toEqual([]);
    });

    it('names the chapter on screen by its connection and TLS version: the 1.2 flight, then the second connection’s 1.3 ClientHello', async () => {
      await openArticle('#tls12');
      for (const [selector, chapter] of [
        ['ServerKeyExchange', 'TLS 1.2 handshake · connection #0'],
        ['ClientHello.2', 'TLS 1.3 handshake · connection #1'],
      ] as const) {
        const link = page.locator(`#tls12 a.moment[data-moment="${selector}"]`).first();
        await link.scrollIntoViewIfNeeded();
        await settle();
        await link.click();
        // The figure's live region speaks the chapter (after its pause for calm), as the canvas title draws it.
        await page.waitForFunction((c) => document.querySelector('#figure-status')!.textContent!.includes(`: ${c}.`), chapter, { timeout: 10_000 });
        expect(await page.evaluate(() => {
          const a = (window as any).wiresceneArticle.figure;
          return a.currentModel.evaluator.evaluate(a.current.frame).chapterTitle;
        })).toBe(chapter);
      }
      expect(consoleErrors).toEqual([]);
    });

    it('scrolling through it plays the 1.2 handshake, then the 1.3 one, on their own scenario, and leaves it after', async () => {
      await openArticle();
      const all = await steps();
      const index = await page.evaluate(() => (window as any).wiresceneArticle.resolved.sections.findIndex((s: any) => s.id === 'tls12'));
      const mine = all.flatMap((s, i) => (s.section === index ? [i] : []));
      const at = (sel: string) => page.evaluate(([id, sel]) => (window as any).wiresceneArticle.resolved.moment(id, sel) as { from: number; at: number; to: number }, [id, sel] as const);
      const shown: number[] = [];
      for (const i of mine) {
        await scrollToStep(i);
        const f = await figure();
        expect(f.scenario).toBe(id);
        expect(f.frame).toBeGreaterThanOrEqual(all[i].from);
        expect(f.frame).toBeLessThanOrEqual(all[i].to);
        shown.push(f.frame);
      }
      expect([...shown].sort((a, b) => a - b)).toEqual(shown); // the story runs forward
      // The step that scrolls the server's flight shows the ServerKeyExchange; one later, the ChangeCipherSpecs; the last, TLS 1.3's.
      const covers = async (sel: string) => {
        const m = await at(sel);
        return mine.some((i) => all[i].from <= m.at && m.at <= all[i].to);
      };
      for (const sel of ['ServerKeyExchange', 'ClientKeyExchange', 'ChangeCipherSpec.2', 'GET', 'ServerHello.2', 'GET.2', '200.2']) expect(await covers(sel), sel).toBe(true);
      // The next section is back on its own scenario.
      await scrollToStep(mine.at(-1)! + 1);
      const next = await page.evaluate((i) => (window as any).wiresceneArticle.resolved.sections[i + 1].scenario as string, index);
      expect(next).not.toBe(id);
      expect((await figure()).scenario).toBe(next);
      expect(consoleErrors).toEqual([]);
    });

    it('asks how many round trips TLS 1.2 needs: a wrong answer gets a hint, the right one shows it', async () => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      try {
        await openArticle('#tls12');
        const form = page.locator('#tls12 form.checkpoint');
        expect(await form.count()).toBe(1);
        expect(await form.innerText()).toContain('how many round trips does TLS 1.2 need before the client can send its request?');
        const want = await page.evaluate((id) => {
          const a = (window as any).wiresceneArticle;
          return { text: a.resolved.value(id, 'rtts.tls12').text, tls13: a.resolved.value(id, 'rtts.tls13').text, at: a.resolved.moment(id, 'ChangeCipherSpec.2').at };
        }, id);
        expect(want.text).toBe('2');
        // TLS 1.3's count is the likely wrong guess.
        await form.locator('input').fill(want.tls13);
        await form.locator('input').press('Enter');
        expect(await form.getAttribute('data-state')).toBe('wrong');
        expect(await form.locator('.verdict').innerText()).toContain('Hint:');
        await form.locator('input').fill(`${want.text} round trips`);
        await form.locator('input').press('Enter');
        await settle();
        expect(await form.getAttribute('data-state')).toBe('right');
        expect(await figure()).toMatchObject({ scenario: id, frame: want.at });
        expect(consoleErrors).toEqual([]);
      } finally {
        await page.emulateMedia({ reducedMotion: 'no-preference' });
      }
    });
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
