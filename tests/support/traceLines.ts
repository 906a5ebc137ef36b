import { createHash } from 'node:crypto';
import { toHex } from '../../src/sim/bytes/hex';
import type { Simulation } from '../../src/sim/types';

// A trace as lines a reviewer can read in a diff (src/sim/scenarioTraces.test.ts keeps them as goldens).

const hash = (value: unknown) =>
  createHash('sha256')
    .update(typeof value === 'string' ? value : JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? toHex(v) : v)))
    .digest('hex')
    .slice(0, 16);

/** One line per log event and per packet, in the order the simulator wrote them. */
export function traceLines(sim: Simulation): string[] {
  const { events, packets, keyLog, ...rest } = sim;
  const lines = [`meta ${hash(rest)} keylog ${hash(keyLog)}`];
  for (const p of packets) {
    const { bytes, id, from, to, sendUs, arriveUs, label, stream, phase } = p;
    // Named one by one: a simulated packet makes its caption and field tree when first read (getters), which a spread would miss.
    const carried = {
      caption: p.caption,
      layers: p.layers,
      decrypted: p.decrypted,
      topLayer: p.topLayer,
      tcp: p.tcp,
      udp: p.udp,
      retransmission: p.retransmission,
      sender: p.sender,
      segment: p.segment,
      lost: p.lost,
      totalLength: p.totalLength,
      captureUs: p.captureUs,
    };
    lines.push(`packet #${id} ${sendUs}→${arriveUs} ${from}>${to} stream ${stream} ${phase} ${JSON.stringify(label)} ${bytes.length} B bytes ${hash(bytes)} rest ${hash(carried)}`);
  }
  for (const e of events) {
    const about =
      'packet' in e
        ? `#${e.packet.id}`
        : e.kind === 'state'
          ? `${e.node} ${e.from}→${e.to}${e.packetId === undefined ? '' : ` #${e.packetId}`}`
          : `${e.node}${e.milestone ? ` [${e.milestone}]` : ''}${e.packetId === undefined ? '' : ` #${e.packetId}`}`;
    lines.push(`${e.atUs} ${e.kind} ${about}: ${e.text}`);
  }
  return lines;
}
