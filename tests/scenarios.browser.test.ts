import { describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { buildModel, type Model } from '../src/playback/model';
import { createCanvasView } from '../src/render/canvasView';
import { readPixels, toPngBase64 } from '../src/render/pixels';
import { findScenario } from '../src/sim/scenarios';
import { timeToFrame } from '../src/timeline/eventsUpTo';

/**
 * One golden per scenario, at the moment that tells its story. A mismatch leaves
 * tests/__diff__/NAME.{expected,actual,diff}.png.
 */
const at = (model: Model, s: number) => timeToFrame(s, model.plan.fps);
const flightMiddle = (model: Model, pick: (f: Model['plan']['flights'][number]) => boolean) => {
  const f = model.plan.flights.find(pick)!;
  return at(model, (f.startS + f.endS) / 2);
};

const moments: [string, string, (m: Model) => number][] = [
  // The resolver answers: one datagram back, no handshake before it.
  ['dns-then-https', 'scenario-dns-answer', (m) => flightMiddle(m, (f) => f.label === 'DNS answer')],
  // The lost SYN's timer runs down while nothing moves: the skip, its caption and the ring.
  ['lost-syn', 'scenario-lost-syn-timeout', (m) => at(m, (m.plan.skips[0].atS + m.plan.skips[0].endS) / 2)],
  // A segment dies mid-window with its ✕, the stream around it goes on.
  ['lost-segment', 'scenario-lost-segment-drop', (m) => at(m, m.plan.drops[0].atS + 0.4)],
  // The tail goes again after the timeout: the ↻ resend with its outline, the window back to one segment.
  ['lost-tail', 'scenario-lost-tail-resend', (m) => flightMiddle(m, (f) => !!f.retransmission)],
  // Slow start: the first window of ten segments (the tickets, then nine of the response), ticks streaming ahead of the labelled last.
  ['slow-link', 'scenario-slow-link-window', (m) => flightMiddle(m, (f) => f.label === '200 OK 9/139')],
  // A bulk download in full flow: the window's segments stream by as ticks, their ACKs back.
  ['bulk', 'scenario-bulk-stream', (m) => at(m, 40)],
  // The second connection pays the handshake again.
  ['keep-alive', 'scenario-keep-alive-second-syn', (m) => flightMiddle(m, (f) => f.label === 'SYN' && m.sim.packets[f.packetId].stream === 1)],
  // Resumed: the 0-RTT GET already on its way right behind the ClientHello, before any reply.
  ['resumption-0rtt', 'scenario-resumption-0rtt-early-get', (m) => flightMiddle(m, (f) => f.label === 'GET /' && m.sim.packets[f.packetId].stream === 1)],
];

describe('scenario goldens', { timeout: 120_000 }, () => {
  for (const [id, name, frameOf] of moments) {
    it(`${id}: ${name}`, async () => {
      const model = buildModel(findScenario(id)!);
      const view = await createCanvasView({ labels: model.labels, width: 1280, height: 720, resolution: 1, preserveDrawingBuffer: true });
      try {
        expect(view.rendererName).toBe('webgl');
        view.draw(model.evaluator.evaluate(frameOf(model)));
        const result = await commands.compareGolden(name, toPngBase64(readPixels(view)), 0);
        expect(result.status, result.message).not.toBe('mismatch');
        expect(result.status, result.message).not.toBe('missing');
      } finally {
        view.destroy();
      }
    });
  }
});
