import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawn, frame, inspectorText, open, page, pageErrorList, setupAppPage } from './support/appPage';

setupAppPage();

const DIR = 'tests/fixtures/captures';
const TLS13 = join(DIR, 'tls13-http1.pcapng');
const KEYS = join(DIR, 'tls13-http1.keys');
const notice = async () => ((await page.locator('#notice').isVisible()) ? page.locator('#notice').innerText() : '');
const hash = () => page.evaluate(() => location.hash);
const shown = () => page.evaluate(() => ({ id: (window as any).wirescene.model.scenario.id as string, packets: (window as any).wirescene.model.sim.packets.length as number }));
const isCapture = () => page.waitForFunction(() => (window as any).wirescene.model.scenario.id === 'capture');

/** tshark (the oracle): field values per frame of a capture. */
function tshark(file: string, fields: string[], extra: string[] = []): string[][] {
  const out = spawnSync('tshark', ['-r', file, ...extra, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  // Only the last newline goes: a first frame with an empty first field starts with a tab.
  return out.stdout.replace(/\n$/, '').split('\n').map((l) => l.split('\t'));
}
/** Packets per conversation as tshark numbers them: "0" (tcp.stream), "udp 0" (udp.stream). */
function packetsPerStream(file: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [tcp, udp] of tshark(file, ['tcp.stream', 'udp.stream'])) {
    const key = tcp ? tcp : `udp ${udp}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Opens files through "open capture…" (the hidden multiple file input). */
async function chooseCapture(...files: { name: string; buffer: Buffer }[]) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'open capture…' }).click()]);
  await chooser.setFiles(files.map((f) => ({ ...f, mimeType: 'application/octet-stream' })));
}
const file = (path: string, name = path.split('/').at(-1)!) => ({ name, buffer: readFileSync(path) });

/** The packet with this label in the middle of its flight, as the inspector shows it. */
async function inspect(label: string) {
  const at = await page.evaluate((label) => {
    const f = (window as any).wirescene.model.plan.flights.find((x: any) => x.label === label);
    return f && Math.round(((f.startS + f.endS) / 2) * 60);
  }, label);
  expect(at, `a flight labelled ${label}`).toBeDefined();
  await page.evaluate((at) => (window as any).wirescene.player.seek(at), at);
  await drawn();
  return inspectorText();
}

/** Three conversations of different link types in one pcapng (mergecap: one interface per input). */
function mergedCapture(): string {
  const out = join(mkdtempSync(join(tmpdir(), 'wirescene-merge-')), 'three.pcapng');
  const run = spawnSync('mergecap', ['-w', out, TLS13, join(DIR, 'http-plain-sll2.pcapng'), join(DIR, 'dns-udp.pcapng')], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return out;
}

describe('open capture… in the page', () => {
  it('a TLS 1.3 capture with its key log: every packet of the stream, decrypted HTTP in the inspector, scenario=capture in the hash', async () => {
    await open('#scenario=https&t=1.00');
    expect(await page.locator('#capture-note').innerText()).toBe('nothing leaves the browser');
    await chooseCapture(file(TLS13), file(KEYS));
    await isCapture();
    expect((await shown()).packets).toBe(packetsPerStream(TLS13).get('0'));
    const [method, uri] = tshark(TLS13, ['http.request.method', 'http.request.uri'], ['-o', `tls.keylog_file:${KEYS}`, '-Y', 'http.request'])[0];
    const text = await inspect(`${method} ${uri}`);
    expect(text).toContain(`${method} ${uri}`);
    expect(text).toMatch(/HTTP/);
    expect(await notice()).toBe('');
    expect(await page.locator('#scenario option:checked').innerText()).toBe('tls13-http1.pcapng · tcp 0');
    expect(await page.locator('#network').isVisible()).toBe(false);
    await page.keyboard.press('End');
    await drawn();
    expect(await hash()).toMatch(/^#scenario=capture&stream=0&t=\d+\.\d\d$/);
    // Back to a built-in, and to the capture again from the picker.
    await page.locator('#scenario').selectOption('https');
    expect((await shown()).id).toBe('https');
    expect(await page.locator('#network').isVisible()).toBe(true);
    await page.locator('#scenario').selectOption('capture');
    expect((await shown()).id).toBe('capture');
  });

  it('HTTP/2 over IPv6 with the keys inside the capture (Decryption Secrets Block): hpack in the page decodes tshark’s request', async () => {
    const h2 = join(DIR, 'h2-ipv6-dsb.pcapng');
    const [method, path] = tshark(h2, ['http2.headers.method', 'http2.headers.path'], ['-Y', 'http2.headers.method'])[0];
    await open('#scenario=https');
    await chooseCapture(file(h2));
    await isCapture();
    expect((await shown()).packets).toBe(packetsPerStream(h2).get('0'));
    expect(await inspect(`${method} ${path}`)).toContain(':path');
    expect(await notice()).toBe('');
  });

  it('without its key log the records stay encrypted and the notice says so; the key log opened after decrypts the same moment', async () => {
    await open('#scenario=https');
    await chooseCapture(file(TLS13));
    await isCapture();
    await expect.poll(notice).toMatch(/TLS records stay encrypted: open a key log/);
    expect(await page.evaluate(() => (window as any).wirescene.model.plan.flights.some((f: any) => f.label === 'GET /'))).toBe(false);
    await page.evaluate(() => (window as any).wirescene.player.seek(300));
    await drawn();
    await chooseCapture(file(KEYS));
    await page.waitForFunction(() => (window as any).wirescene.model.plan.flights.some((f: any) => f.label === 'GET /'));
    expect(await frame()).toBe(300);
    expect(await notice()).toBe('');
  });

  it('several conversations: a picker like Wireshark’s, with tshark’s packet counts; the one picked plays', async () => {
    const merged = mergedCapture();
    const counts = packetsPerStream(merged);
    expect([...counts.keys()].sort()).toEqual(['0', '1', 'udp 0']);
    await open('#scenario=https');
    await chooseCapture(file(merged), file(KEYS));
    const dialog = page.locator('#conversations');
    await dialog.waitFor({ state: 'visible' });
    const rows = await dialog.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(3);
    for (const [row, stream] of rows.map((r, i) => [r, ['0', '1', 'udp 0'][i]] as const)) {
      expect(row.split('\t')[3]).toBe(String(counts.get(stream)));
    }
    expect(rows[2]).toMatch(/^udp 0\t127\.0\.0\.1:\d+\t127\.0\.0\.1:\d+\t2\t\d+\t0\.\d{6} s$/);
    expect((await shown()).id).toBe('https'); // nothing changes until one is picked
    await dialog.getByRole('button', { name: /^show tcp 1:/ }).click();
    await isCapture();
    expect((await shown()).packets).toBe(counts.get('1'));
    await page.keyboard.press('End');
    await drawn();
    expect(await hash()).toMatch(/^#scenario=capture&stream=1&t=/);
    // Cancel keeps what is on screen.
    await chooseCapture(file(merged));
    await dialog.getByRole('button', { name: 'cancel' }).click();
    await expect.poll(notice).toMatch(/no conversation picked/);
    expect((await shown()).packets).toBe(counts.get('1'));
  });

  it('several conversations at once: ticked in the picker, hosts placed left to right as they appear, the link names them all', async () => {
    const several = join(DIR, 'several.pcapng');
    const counts = packetsPerStream(several);
    await open('#scenario=https');
    await chooseCapture(file(several));
    const dialog = page.locator('#conversations');
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByRole('button', { name: 'show ticked together' }).click();
    await expect.poll(() => dialog.innerText()).toMatch(/tick one or more conversations first/);
    await dialog.getByRole('checkbox', { name: 'pick tcp 1' }).check();
    await dialog.getByRole('checkbox', { name: 'pick udp 0' }).check();
    await dialog.getByRole('button', { name: 'show ticked together' }).click();
    await isCapture();
    expect((await shown()).packets).toBe(counts.get('1')! + counts.get('udp 0')!);
    // The DNS responder answered first: it takes the middle place; the web server the right.
    const nodes = await page.evaluate(() => {
      const sim = (window as any).wirescene.model.sim;
      return { resolver: sim.resolver?.port, server: sim.server.port, title: (window as any).wirescene.model.scenario.title };
    });
    expect(nodes).toEqual({ resolver: 15354, server: 18081, title: 'several.pcapng · udp 0 + tcp 1' });
    await page.keyboard.press('End');
    await drawn();
    expect(await hash()).toMatch(/^#scenario=capture&stream=1,udp%200&t=/);
    // The link asks for the capture again and shows the same two.
    await open('#scenario=capture&stream=1,udp%200&t=1.00');
    await chooseCapture(file(several));
    await isCapture();
    expect((await shown()).packets).toBe(counts.get('1')! + counts.get('udp 0')!);
    expect(await frame()).toBe(60);
    expect(pageErrorList()).toEqual([]);
  });

  it('time: fit by default, real time × k from the select keeps the network moment, and the link carries it', async () => {
    await open('#scenario=https');
    expect(await page.locator('#time-scale-pick').isVisible()).toBe(false); // a simulated scenario has no such control
    await chooseCapture(file(TLS13), file(KEYS));
    await isCapture();
    expect(await page.locator('#time-scale').inputValue()).toBe('fit');
    const model = () => page.evaluate(() => ({ note: (window as any).wirescene.model.plan.scaleNote as string, durationS: (window as any).wirescene.model.plan.durationS as number, netUs: (window as any).wirescene.frameView().networkUs as number }));
    const fit = await model();
    expect(fit.note).toMatch(/^1 RTT = \d+ µs ⇒ 2\.4 s on screen/);
    await page.evaluate(() => (window as any).wirescene.player.seek(600));
    await drawn();
    const at = (await model()).netUs;
    await page.locator('#time-scale').selectOption('100');
    await page.waitForFunction(() => (window as any).wirescene.model.plan.scaleNote.startsWith('real time ×100'));
    const real = await model();
    expect(real.durationS).not.toBe(fit.durationS);
    // The first frame at or after the same network moment (a frame is 1/60 s of screen, 1/6000 s of capture at ×100).
    expect(real.netUs).toBeGreaterThanOrEqual(at - 1);
    expect(real.netUs - at).toBeLessThan(1e6 / 60 / 100 + 1);
    await page.keyboard.press('End');
    await drawn();
    expect(await hash()).toMatch(/^#scenario=capture&stream=0&time=100&t=/);
    await open('#scenario=capture&stream=0&time=100&t=1.00');
    await chooseCapture(file(TLS13), file(KEYS));
    await isCapture();
    expect((await model()).note).toMatch(/^real time ×100/);
    expect(await page.locator('#time-scale').inputValue()).toBe('100');
    expect(pageErrorList()).toEqual([]);
  });

  it('bad files: the reader’s message in the notice, the scenario on screen stays, never a page error', async () => {
    const tls = readFileSync(TLS13);
    const corrupt = Buffer.from(tls);
    // The second block's total length (after the 28-byte-or-longer Section Header Block) made shorter than a header.
    const shbLength = corrupt.readUInt32LE(4);
    corrupt.writeUInt32LE(8, shbLength + 4);
    const cases: [string, Buffer, RegExp][] = [
      ['empty.pcap', Buffer.alloc(0), /^empty\.pcap: .*(empty|0 bytes)/i],
      ['notes.pcapng', Buffer.from('GET / HTTP/1.1\r\nHost: example\r\n\r\n'), /^notes\.pcapng: /],
      ['cut.pcapng', tls.subarray(0, 100), /^cut\.pcapng: /],
      ['corrupt.pcapng', corrupt, /^corrupt\.pcapng: .*block at byte/],
    ];
    await open('#scenario=https&t=1.00');
    for (const [name, buffer, message] of cases) {
      await chooseCapture({ name, buffer });
      await expect.poll(notice).toMatch(message);
      expect((await shown()).id).toBe('https');
      expect(await frame()).toBe(60);
    }
    await chooseCapture({ name: 'readme.md', buffer: Buffer.from('# hi') });
    await expect.poll(notice).toBe('readme.md: not a capture (.pcap, .pcapng, .cap) or a key log (.txt, .log, .keys); ignored');
    expect((await shown()).id).toBe('https');
    expect(pageErrorList()).toEqual([]);
  });

  it('a scenario=capture link asks for the capture again, then goes to its conversation and moment', async () => {
    const merged = mergedCapture();
    await open('#scenario=capture&stream=1&t=2.00');
    expect(await notice()).toMatch(/This link is for a capture, which a link cannot carry/);
    expect((await shown()).id).toBe('https');
    await page.evaluate(async (bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'three.pcapng'));
      document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, [...readFileSync(merged)]);
    await isCapture();
    expect(await page.locator('#conversations').isVisible()).toBe(false);
    expect((await shown()).packets).toBe(packetsPerStream(merged).get('1'));
    expect(await frame()).toBe(120);
    expect(await hash()).toBe('#scenario=capture&stream=1&t=2.00');
    // Another stream of the open capture by editing the hash.
    await page.evaluate(() => {
      location.hash = '#scenario=capture&stream=0&t=1.00';
    });
    await page.waitForFunction(() => (window as any).wirescene.model.sim.packets.length === 66 || location.hash.includes('stream=0'));
    await expect.poll(() => shown().then((s) => s.packets)).toBe(packetsPerStream(merged).get('0'));
    expect(await frame()).toBe(60);
  });

  it('npm run record -- --capture … --keylog … writes the still the page records of the same moment; misuse exits 2', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wirescene-rec-')), 'capture.png');
    const run = spawnSync('npx', ['tsx', 'scripts/record.ts', '--capture', TLS13, '--keylog', KEYS, '--stream', '0', '--size', '320x180', '--at', '3'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(2); // no --out
    const cli = spawnSync('npx', ['tsx', 'scripts/record.ts', '--capture', TLS13, '--keylog', KEYS, '--stream', '0', '--size', '320x180', '--at', '3', '--out', out], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`wrote ${out}: 320×180, "capture" at 3.00 s`);
    await open('#scenario=https');
    await chooseCapture(file(TLS13), file(KEYS));
    await isCapture();
    const bytes: number[] = await page.evaluate(async () => [...(await (window as any).wirescene.record({ format: 'still', width: 320, height: 180, fps: 30, fromS: 3, toS: 3 + 1 / 30 }))]);
    expect(Buffer.from(bytes).equals(readFileSync(out))).toBe(true);
    const misuse = spawnSync('npx', ['tsx', 'scripts/record.ts', '--capture', TLS13, '--scenario', 'https', '--out', out], { encoding: 'utf8' });
    expect(misuse.status).toBe(2);
    expect(misuse.stderr).toContain('--scenario/--scenario-file, --capture and --trace each pick what to record: give one of them');
  });
});
