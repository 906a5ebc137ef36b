import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writePcapng } from '../src/export/pcapng';
import { DESIGN_WIDTH, laneY, spriteX } from '../src/stage/layout';
import { findScenario } from '../src/sim/scenarios';
import { simulate } from '../src/sim/simulate';
import { drawn, flightMiddle, frame, inspectorText, logLines, open, page, setupAppPage } from './support/appPage';

setupAppPage();

describe('the inspector and the log', () => {
  it('draws with WebGL and starts with an empty log and an inviting inspector', async () => {
    await open();
    expect(await page.evaluate(() => (window as any).wirescene.view.rendererName)).toBe('webgl');
    expect(await inspectorText()).toContain('click Step or Play to inspect packets');
    expect(await logLines()).toBe(0);
    expect(await page.locator('#notice').isHidden()).toBe(true);
  });
  it('clicking a sprite on the canvas pauses and pins the inspector on that packet', async () => {
    await open();
    const target = await flightMiddle('SYN-ACK');
    await page.evaluate((f) => (window as any).wirescene.player.seek(f), target.frame);
    await drawn();
    const view = await page.evaluate((f) => (window as any).wirescene.model.evaluator.evaluate(f).flights, target.frame);
    const synAck = view.find((f: any) => f.packetId === target.packetId);
    const box = (await page.locator('#canvas-host canvas').boundingBox())!;
    const scale = box.width / DESIGN_WIDTH;
    await page.mouse.click(box.x + spriteX(synAck, synAck.progress, synAck.leftToRight) * scale, box.y + laneY(synAck.lane) * scale);
    await drawn();
    const text = await inspectorText();
    expect(text).toContain('SYN-ACK');
    expect(text).toContain('pinned');
    expect(text).toContain('ack=101');
  });
  it('links fields and bytes both ways, and shows encrypted records decrypted', async () => {
    await open();
    const get = await flightMiddle('GET /');
    await page.evaluate((f) => (window as any).wirescene.player.seek(f), get.startFrame + 10); // the GET / has just left
    await drawn();
    expect(await page.locator('#inspector .packet-head').innerText()).toContain('GET /');
    // Focus (keyboard) or hover a field: exactly its bytes light up.
    const ttl = page.locator('#inspector .field', { hasText: 'TTL' }).first();
    await ttl.focus();
    expect(await page.locator('#inspector .hex-bytes span.on').allInnerTexts()).toEqual(['40']);
    const srcPort = page.locator('#inspector .field', { hasText: 'source port' }).first();
    await srcPort.hover();
    expect(await page.locator('#inspector .hex-bytes span.on').allInnerTexts()).toEqual(['c0', '00']);
    // Hover a byte: its field lights up (byte 9 is the IPv4 protocol).
    await page.locator('#inspector .hex-bytes span[data-i="9"]').hover();
    expect(await page.locator('#inspector .field.on .field-name').innerText()).toBe('protocol');
    // The wire shows ciphertext; the toggle opens it with the right key.
    expect(await inspectorText()).toContain('encrypted_record');
    // Encapsulation: the HTTP layer is listed too (decrypted), without pointing into the ciphertext.
    const layerNames = await page.locator('#inspector .layer > summary .layer-name').allInnerTexts();
    expect(layerNames).toEqual(['IPv4', 'TCP', 'TLS', 'HTTP']);
    expect(await page.locator('#inspector .layer-http .field[tabindex]').count()).toBe(0);
    await page.locator('#inspector .decrypt-toggle input').check();
    const text = await inspectorText();
    expect(text).toContain('decrypted with the client application traffic key');
    expect(text).toContain('GET / HTTP/1.1');
    expect(text).toContain('example.com');
    expect(await page.locator('#inspector .hex-row').first().innerText()).toContain('GET / HTTP/1.1');
  });
  it('downloads the capture: the same bytes as the capture CLI writes', async () => {
    await open('#scenario=https-random-isn');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download capture (.pcapng)' }).click()]);
    expect(download.suggestedFilename()).toBe('wirescene-https-random-isn.pcapng');
    const bytes = readFileSync((await download.path())!);
    expect(bytes.equals(Buffer.from(writePcapng(simulate(findScenario('https-random-isn')!))))).toBe(true);
  });
  it('clicking a log line jumps to that event', async () => {
    await open('#t=3');
    await page.locator('#log li[data-index]').nth(2).click();
    await drawn();
    const atS = await page.evaluate(() => (window as any).wirescene.model.plan.timeline[2].atS as number);
    expect(await frame()).toBe(Math.ceil(atS * 60 - 1e-6));
    expect(await page.locator('#log li[data-index]').count()).toBeGreaterThanOrEqual(3);
  });
});
