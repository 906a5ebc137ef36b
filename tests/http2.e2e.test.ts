import { describe, expect, it } from 'vitest';
import { drawn, flightMiddle, inspectorText, open, page, pageErrorList, setupAppPage } from './support/appPage';

setupAppPage();

/** A few frames after the first packet with this label has arrived. */
const arrival = (label: string) =>
  page.evaluate((label) => {
    const f = (window as any).wirescene.model.plan.flights.find((x: any) => x.label === label);
    return Math.ceil(f.endS * 60) + 3;
  }, label);

describe('http2 scenario in the page', () => {
  it('the inspector shows the frames inside the TLS record inside TCP, and the log names the frames received', async () => {
    await open('#scenario=http2');
    const first = await flightMiddle('Preface, SETTINGS, HEADERS 1: GET /, HEADERS 3: GET /app.css');
    await page.evaluate((f) => (window as any).wirescene.player.seek(f), first.startFrame + 10);
    await drawn();
    expect(await page.locator('#inspector .packet-head').innerText()).toContain('HEADERS 1: GET /');
    expect(await page.locator('#inspector .layer > summary .layer-name').allInnerTexts()).toEqual(['IPv4', 'TCP', 'TLS', 'HTTP/2']);
    await page.locator('#inspector .decrypt-toggle input').check();
    const text = await inspectorText();
    for (const s of ['Connection preface', 'HEADERS stream 1: GET /', 'HEADERS stream 3: GET /app.css', 'Stream Identifier', 'END_STREAM, END_HEADERS', ':authority', 'example.com', '/app.css']) expect(text).toContain(s);
    // The log shows the lines around the playhead: look just after each frame arrives.
    for (const [label, line] of [
      ['Preface, SETTINGS, HEADERS 1: GET /, HEADERS 3: GET /app.css', 'received HEADERS stream 1: GET /'],
      ['SETTINGS ACK', 'received SETTINGS ACK'],
      ['GOAWAY', 'received GOAWAY NO_ERROR'],
    ]) {
      await page.evaluate((f) => (window as any).wirescene.player.seek(f), await arrival(label));
      await drawn();
      expect(await page.locator('#log').innerText()).toContain(line);
    }
    expect(pageErrorList()).toEqual([]);
  });
});
