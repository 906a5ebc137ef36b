import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes/hex';
import { findScenario, scenarioIds } from './scenarios';
import { simulate } from './simulate';
import type { Simulation } from './types';

// Golden traces: every built-in scenario's simulation.log, packet by packet, with a hash of each
// packet's bytes and of everything else it carries (layers, captions, TCP and sender readouts),
// recorded in tests/fixtures/traces/<id>.txt. tshark reads the same scenarios' captures in the
// *.tshark tests (bytes, TCP analysis, decryption); these files pin what tshark cannot see
// (times, captions, states, notes, timers) and make any change to a trace a diff someone reviews,
// like a golden image. UPDATE_GOLDENS=1 rewrites them; say in the commit why they changed.
// bulk and bulk-100k (11,000 and 100,000 packets) are left to the bench.

const DIR = join(import.meta.dirname, '../../tests/fixtures/traces');
const SKIP = new Set(['bulk', 'bulk-100k']);

const hash = (value: unknown) =>
  createHash('sha256')
    .update(typeof value === 'string' ? value : JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? toHex(v) : v)))
    .digest('hex')
    .slice(0, 16);

/** One line per log event and per packet, in the order the simulator wrote them. */
function traceLines(sim: Simulation): string[] {
  const { events, packets, keyLog, ...rest } = sim;
  const lines = [`meta ${hash(rest)} keylog ${hash(keyLog)}`];
  for (const p of packets) {
    const { bytes, id, from, to, sendUs, arriveUs, label, stream, phase, ...carried } = p;
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

describe('golden traces of the built-in scenarios', () => {
  it.each(scenarioIds().filter((id) => !SKIP.has(id)))('%s gives the trace recorded in tests/fixtures/traces', (id) => {
    const lines = traceLines(simulate(findScenario(id)!));
    const file = join(DIR, `${id}.txt`);
    if (process.env.UPDATE_GOLDENS || !existsSync(file)) writeFileSync(file, `${lines.join('\n')}\n`);
    expect(lines).toEqual(readFileSync(file, 'utf8').trimEnd().split('\n'));
  });
});
