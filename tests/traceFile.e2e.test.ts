import { describe, expect, it } from 'vitest';
import { traceToJson } from '../src/import/traceFile';
import { findScenario } from '../src/sim/scenarios';
import { simulate } from '../src/sim/simulate';
import { drawn, open, page, setupAppPage } from './support/appPage';

setupAppPage();

/**
 * A trace file (what npm run import writes, and record --trace reads) opened in the page: by
 * "open scenario file…" and by dropping it. The oracle is the scenario the trace was made from:
 * the same frames and the same pixels at the same moment.
 */
const trace = traceToJson(simulate(findScenario('https')!));
const notice = async () => ((await page.locator('#notice').isVisible()) ? page.locator('#notice').innerText() : '');
const shown = () =>
  page.evaluate(() => {
    const w = (window as any).wirescene;
    return { id: w.model.scenario.id as string, frames: w.model.frameCount as number, frame: w.player.frame as number, packets: w.model.sim.packets.length as number };
  });
const canvas = () => page.evaluate(() => (window as any).wirescene.pixelHash() as string);

async function chooseFile(name: string, content: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'open scenario file…' }).click()]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

async function seek(t: string, time = '') {
  await page.evaluate((h) => {
    location.hash = h;
  }, `#scenario=file${time}&t=${t}`);
  await page.waitForFunction((t) => location.hash.endsWith(`t=${t}`) && (window as any).wirescene.player.frame === Math.round(Number(t) * 60), t);
  await drawn();
}

describe('a trace file in the page', () => {
  it('"open scenario file…" plays it: the frames and the pixels of the scenario it was made from', async () => {
    await open('#scenario=https&t=2.50');
    const scenario = { ...(await shown()), picture: await canvas() };
    await chooseFile('handshake.trace.json', trace);
    await expect.poll(async () => (await page.locator('#scenario option:checked').innerText()).startsWith('handshake.trace.json')).toBe(true);
    expect(await notice()).toBe('');
    const fromTrace = await shown();
    expect(fromTrace.frames).toBe(scenario.frames);
    expect(fromTrace.packets).toBe(scenario.packets);
    const traceOption = async () => (await page.locator('#scenario option:checked').innerText()).startsWith('handshake.trace.json');
    await seek('0.50');
    expect(await traceOption()).toBe(true); // a moment of the file on screen, not the scenario=file notice
    expect(await notice()).toBe('');
    expect(await canvas()).not.toBe(scenario.picture); // the hash tells moments apart
    await seek('2.50');
    expect(await canvas()).toBe(scenario.picture);
    expect(await page.locator('#log li[data-index]').count()).toBeGreaterThan(0);
  });

  it('its time scale goes into the link, and the link opens the same moment at that scale once the file is given again', async () => {
    await open('#scenario=https');
    await chooseFile('handshake.trace.json', trace);
    await expect.poll(() => page.locator('#time-scale-pick').isVisible()).toBe(true);
    await page.locator('#time-scale').selectOption('10');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#scenario=file&time=10&t=\d+\.\d\d$/);
    await seek('7.00', '&time=10');
    expect(await page.locator('#time-scale').inputValue()).toBe('10');
    const made = { ...(await shown()), picture: await canvas(), hash: await page.evaluate(() => location.hash) };
    expect(made.hash).toBe('#scenario=file&time=10&t=7.00');
    await open(made.hash);
    expect(await notice()).toMatch(/This link is for a scenario file/);
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'handshake.trace.json', { type: 'application/json' }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, trace);
    await expect.poll(async () => (await shown()).frames).toBe(made.frames);
    await drawn();
    expect(await page.locator('#time-scale').inputValue()).toBe('10');
    expect((await shown()).frame).toBe(made.frame);
    expect(await canvas()).toBe(made.picture);
    expect(await page.evaluate(() => location.hash)).toBe(made.hash);
  });

  it('a trace dropped on the page opens the same way', async () => {
    await open('#scenario=lost-syn');
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.trace.json', { type: 'application/json' }));
      document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, trace);
    await expect.poll(async () => (await page.locator('#scenario option:checked').innerText()).startsWith('dropped.trace.json')).toBe(true);
    expect((await shown()).packets).toBe(JSON.parse(trace).packets.length);
  });

  it('a damaged trace: the notice names the file, the problem and the fix; what was on screen stays', async () => {
    await open('#scenario=https&t=1.00');
    const good = JSON.parse(trace);
    await chooseFile('damaged.json', JSON.stringify({ ...good, events: [...good.events, { kind: 'send', atUs: 1, packetId: 9999 }] }));
    await expect.poll(notice).toBe(`damaged.json: trace file is damaged: event ${good.events.length} names packet 9999, which the file does not have`);
    await chooseFile('future.json', JSON.stringify({ ...good, version: 2 }));
    await expect.poll(notice).toBe('future.json: trace file version 2 is not 1: import the capture again with this version');
    const s = await shown();
    expect(s.id).toBe('https');
    expect(s.frame).toBe(60);
  });
});
