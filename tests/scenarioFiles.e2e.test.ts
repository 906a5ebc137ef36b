import { appScenarioIds } from '../src/sim/scenarios';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import https from '../assets/scenarios/https.json';
import { drawn, frame, open, page, pageErrorList, setupAppPage } from './support/appPage';

setupAppPage();

const notice = async () => ((await page.locator('#notice').isVisible()) ? page.locator('#notice').innerText() : '');
const hash = () => page.evaluate(() => location.hash);
const shown = () =>
  page.evaluate(() => {
    const w = (window as any).wirescene;
    return { id: w.model.scenario.id as string, rttUs: w.model.sim.rttUs as number, frame: w.player.frame as number, lost: w.model.sim.packets.filter((p: any) => p.lost).length as number };
  });
const mine = { ...https, id: 'mine', title: 'My own scenario <b>bold?</b>', description: 'Watch the <i>slow</i> link.', link: { rttMs: 200, bandwidthMbps: 5 } };

/** Opens a file through "open scenario file…" (the hidden file input). */
async function chooseFile(name: string, content: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'open scenario file…' }).click()]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

describe('scenario picker and files', () => {
  it('lists the built-in scenarios by title and shows the description of the one on screen', async () => {
    await open('#scenario=lost-syn');
    const options = await page.locator('#scenario option').allInnerTexts();
    expect(options[0]).toBe(https.title);
    expect(options).toHaveLength(appScenarioIds().length); // bulk-100k too: the app loads it with progress
    expect(await page.locator('#scenario').inputValue()).toBe('lost-syn');
    expect(await page.locator('#scenario-description').innerText()).toMatch(/SYN/);
    await page.locator('#scenario').selectOption('https');
    await drawn();
    expect(await page.locator('#scenario-description').innerText()).toBe(https.description);
    expect(await hash()).toBe('#scenario=https&t=0.00');
  });

  it('opens a scenario file: it plays like a built-in, the hash says scenario=file, text stays text', async () => {
    await open('#scenario=https&t=2.00');
    await chooseFile('mine.json', JSON.stringify(mine));
    await page.waitForFunction(() => (window as any).wirescene.model.scenario.id === 'mine');
    expect((await shown()).rttUs).toBe(200_000);
    expect(await page.locator('#scenario option:checked').innerText()).toBe(`mine.json: ${mine.title}`);
    expect(await page.locator('#scenario-description').innerText()).toBe(mine.description);
    expect(await page.locator('#scenario-description i, #scenario option b').count()).toBe(0);
    expect(await page.locator('#title').innerText()).toBe(mine.title);
    await page.keyboard.press('End');
    await drawn();
    expect(await hash()).toMatch(/^#scenario=file&t=\d+\.\d\d$/);
    expect(await notice()).toBe('');
    // Back to a built-in and to the file again from the picker.
    await page.locator('#scenario').selectOption('https');
    await page.locator('#scenario').selectOption('file');
    expect((await shown()).id).toBe('mine');
  });

  it('a bad file: the scenario on screen stays, the notice names the file, the field and the value', async () => {
    await open('#scenario=https&t=1.00');
    await chooseFile('lost.json', JSON.stringify({ ...mine, link: { rttMs: 'fast', bandwidthMbps: 5 } }));
    await expect.poll(notice).toBe('lost.json: link.rttMs: expected a number ≥ 1, got "fast"');
    expect((await shown()).id).toBe('https');
    expect(await frame()).toBe(60);
    expect(await page.locator('#scenario').inputValue()).toBe('https');
    await chooseFile('capture.pcapng', '\u0000\u0001binary');
    await expect.poll(notice).toMatch(/^capture\.pcapng: not valid JSON: /);
    expect(pageErrorList()).toEqual([]);
  });

  it('a .json dropped on the page opens; a link with scenario=file waits for its file and then goes to its moment', async () => {
    await open('#scenario=file&t=3.00&rtt=100');
    expect(await notice()).toMatch(/This link is for a scenario file/);
    expect((await shown()).id).toBe('https');
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'mine.json', { type: 'application/json' }));
      document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, JSON.stringify(mine));
    await page.waitForFunction(() => (window as any).wirescene.model.scenario.id === 'mine');
    const s = await shown();
    expect(s.rttUs).toBe(100_000); // the link's rtt=100 applies to the file's scenario
    expect(s.frame).toBe(180);
    expect(await hash()).toBe('#scenario=file&t=3.00&rtt=100');
  });
});

describe('network knobs and what if', () => {
  it('typing an RTT simulates again, stays in the chapter and goes into the hash; a bad value is named', async () => {
    await open('#scenario=https&t=4.00');
    const chapterBefore = await page.evaluate(() => (window as any).wirescene.frameView().chapterTitle);
    const rtt = page.getByLabel('RTT in ms');
    expect(await rtt.inputValue()).toBe('40');
    await rtt.fill('80');
    await page.waitForFunction(() => (window as any).wirescene.model.sim.rttUs === 80_000);
    await drawn();
    expect(await page.evaluate(() => (window as any).wirescene.frameView().chapterTitle)).toBe(chapterBefore);
    expect(await hash()).toMatch(/^#scenario=https&t=\d+\.\d\d&rtt=80$/);
    await page.getByLabel('loss (fraction of packets lost each way)').fill('0.9');
    await page.getByLabel('loss (fraction of packets lost each way)').press('Enter');
    await expect.poll(notice).toBe('loss "0.9": expected a number from 0 to 0.5, such as 0.01.');
    expect(await page.getByLabel('loss (fraction of packets lost each way)').getAttribute('aria-invalid')).toBe('true');
    expect((await shown()).rttUs).toBe(80_000);
    await page.getByRole('button', { name: 'reset' }).click();
    await page.waitForFunction(() => (window as any).wirescene.model.sim.rttUs === 40_000);
    expect(await hash()).not.toContain('rtt=');
  });

  it('opens a link with knobs, and names bad ones', async () => {
    await open('#scenario=https&rtt=120&bw=2&size=50000&loss=7');
    const s = await page.evaluate(() => (window as any).wirescene.model.scenario);
    expect([s.link.rttMs, s.link.bandwidthMbps, s.http.bodyBytes, s.link.lossRate]).toEqual([120, 2, 50000, 0]);
    expect(await notice()).toContain('Ignored loss="7": expected a number from 0 to 0.5, such as loss=0.01.');
    expect(await page.getByLabel('response size in bytes').inputValue()).toBe('50000');
    expect(await page.getByLabel('bandwidth in Mbit/s').inputValue()).toBe('2');
  });

  it('"lose this packet" drops it, says what it cost, puts drop= in the hash; restore brings the original back', async () => {
    await open('#scenario=https');
    await page.keyboard.press('ArrowRight');
    await drawn();
    expect(await page.locator('#inspector .chip').innerText()).toBe('SYN');
    await page.getByRole('button', { name: 'lose this packet' }).click();
    await page.waitForFunction(() => (window as any).wirescene.model.sim.packets[0].lost);
    await drawn();
    expect(await notice()).toMatch(/^What if the SYN \(client → server, 1st that way\) was lost: \+1,0\d\d ms, \+\d+ round trips of 40 ms: /);
    expect(await page.locator('.what-if').innerText()).toBe('what if, lost: SYN (c2s:1) restore');
    expect(await hash()).toMatch(/&drop=c2s:1$/);
    // The link reproduces it.
    const link = await hash();
    await open(link);
    expect((await shown()).lost).toBe(1);
    expect(await notice()).toMatch(/^What if the SYN/);
    await page.getByRole('button', { name: 'restore' }).click();
    await page.waitForFunction(() => !(window as any).wirescene.model.sim.packets[0].lost);
    expect(await hash()).not.toContain('drop=');
    expect(await page.locator('.what-if').isHidden()).toBe(true);
  });

  it('the export dialog offers the record command with the file and the changes', async () => {
    await open('#scenario=https&rtt=80&drop=c2s:1');
    await page.getByRole('button', { name: 'export' }).click();
    const command = page.locator('#export-dialog .export-cli code');
    await expect.poll(() => command.textContent()).toMatch(/^npm run record -- --scenario https --rtt 80 --drop c2s:1 --out wirescene-https-/);
    await page.locator('#export-dialog').getByRole('button', { name: 'Close' }).click();
    await chooseFile('mine.json', JSON.stringify(mine));
    await page.waitForFunction(() => (window as any).wirescene.model.scenario.id === 'mine');
    await page.getByRole('button', { name: 'export' }).click();
    await expect.poll(() => command.textContent()).toMatch(/^npm run record -- --scenario-file mine\.json --out wirescene-mine-/);
    await page.locator('#export-dialog').getByRole('button', { name: 'Close' }).click();
  });

  it('names a bad drop in the link', async () => {
    await open('#scenario=https&drop=c2s:0,x2y:1');
    expect(await notice()).toContain('Ignored drop="c2s:0"');
    expect(await notice()).toContain('Ignored drop="x2y:1"');
    expect((await shown()).lost).toBe(0);
  });
});

describe('npm run record --scenario-file', () => {
  it('records a file’s scenario as the page shows it: the same bytes as the built-in it copies; what-if flags change it', { timeout: 300_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirescene-record-file-'));
    writeFileSync(join(dir, 'copy.json'), JSON.stringify(https));
    const record = (out: string, ...args: string[]) => {
      const r = spawnSync('npx', ['tsx', 'scripts/record.ts', '--out', join(dir, out), '--size', '640x360', '--at', '3', ...args], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(join(dir, out));
    };
    const builtIn = record('built-in.png', '--scenario', 'https');
    const fromFile = record('file.png', '--scenario-file', join(dir, 'copy.json'));
    expect(fromFile.equals(builtIn)).toBe(true);
    const slower = record('slower.png', '--scenario-file', join(dir, 'copy.json'), '--rtt', '200', '--drop', 'c2s:1');
    expect(slower.equals(builtIn)).toBe(false);
  });
});
