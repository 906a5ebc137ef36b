import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FIXTURE_DIR } from '../src/import/fixtures';
import { openCapture } from '../src/import/openCapture';
import { pcapFile, tcpPacket } from '../src/import/testCaptures';
import { captureToTrace } from '../src/import/toTrace';
import { createPrng } from '../src/sim/prng';
import { createEvaluator } from '../src/playback/engine';
import { frameCount } from '../src/timeline/eventsUpTo';
import { schedule } from '../src/timeline/schedule';
import { median, percentile, round } from './stats';

/** A download of `packets` packets (half data segments of 1,448 bytes, half ACKs) as a pcap. */
export function syntheticCapture(packets: number): Uint8Array {
  const C = '192.0.2.1';
  const S = '192.0.2.2';
  const payload = new Uint8Array(1448).fill(0x61);
  const list = [tcpPacket(C, S, 40000, 80, 1000, 0, { syn: true }), tcpPacket(S, C, 80, 40000, 5000, 1001, { syn: true, ack: true }), tcpPacket(C, S, 40000, 80, 1001, 5001, { ack: true })];
  let seq = 5001;
  while (list.length < packets) {
    list.push(tcpPacket(S, C, 80, 40000, seq, 1001, { ack: true }, payload));
    seq += payload.length;
    list.push(tcpPacket(C, S, 40000, 80, 1001, seq, { ack: true }, new Uint8Array(), 3000));
  }
  // 100 µs apart: a 100 Mbit/s-ish pace; the trace's idle skips do not apply.
  return pcapFile(list.map((data, i) => ({ s: 1_700_000_000 + Math.floor(i / 10_000), frac: (i % 10_000) * 100, data })));
}

function measure(bytes: Uint8Array, keyLog?: string) {
  const t0 = performance.now();
  const opened = openCapture(bytes);
  if (!opened.ok) throw new Error(opened.error);
  const t1 = performance.now();
  const trace = captureToTrace(opened.value, { keyLog });
  if (!trace.ok) throw new Error(trace.error);
  const t2 = performance.now();
  const plan = schedule(trace.value.sim);
  const t3 = performance.now();
  const evaluator = createEvaluator(plan);
  const t4 = performance.now();
  const frames = frameCount(plan);
  const prng = createPrng(7);
  const seekMs: number[] = [];
  for (let i = 0; i < 300; i++) {
    const f = prng.u32() % frames;
    const s = performance.now();
    evaluator.evaluate(f);
    seekMs.push(performance.now() - s);
  }
  evaluator.dispose();
  return {
    packets: trace.value.sim.packets.length,
    readAndReassembleMs: round(t1 - t0),
    traceMs: round(t2 - t1),
    scheduleMs: round(t3 - t2),
    compileMs: round(t4 - t3),
    presentationS: round(plan.durationS),
    seekMedianMs: round(median(seekMs)),
    seekP95Ms: round(percentile(seekMs, 95)),
    seekFps: round(1000 / median(seekMs)),
  };
}

/** Import at scale (Node, no rendering): the largest fixture and a synthetic 100,000-packet capture. */
export function importAtScale(sizes: number[] = [10_000, 100_000]) {
  const largest = new Uint8Array(readFileSync(join(FIXTURE_DIR, 'tls13-http1.pcapng')));
  const keys = readFileSync(join(FIXTURE_DIR, 'tls13-http1.keys'), 'utf8');
  measure(largest, keys); // warm-up
  const rows: Record<string, unknown> = { 'tls13-http1.pcapng': measure(largest, keys) };
  for (const n of sizes) {
    const t0 = performance.now();
    const bytes = syntheticCapture(n);
    rows[`synthetic-${n}`] = { buildCaptureMs: round(performance.now() - t0), bytes: bytes.length, ...measure(bytes) };
  }
  return { ...rows, note: 'seek = evaluator.evaluate(frame) at random frames (GSAP + frame view), without drawing; the page adds the Pixi scene update' };
}

