import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findScenario, scenarioIds } from './scenarios';
import { simulate } from './simulate';
import { traceLines } from '../../tests/support/traceLines';

// Golden traces: every built-in scenario's simulation.log, packet by packet, with a hash of each
// packet's bytes and of everything else it carries (layers, captions, TCP and sender readouts),
// recorded in tests/fixtures/traces/<id>.txt. tshark reads the same scenarios' captures in the
// *.tshark tests (bytes, TCP analysis, decryption); these files pin what tshark cannot see
// (times, captions, states, notes, timers) and make any change to a trace a diff someone reviews,
// like a golden image. UPDATE_GOLDENS=1 rewrites them; say in the commit why they changed.
// bulk and bulk-100k (11,000 and 100,000 packets) are left to the bench.

const DIR = join(import.meta.dirname, '../../tests/fixtures/traces');
const SKIP = new Set(['bulk', 'bulk-100k']);

describe('golden traces of the built-in scenarios', () => {
  it.each(scenarioIds().filter((id) => !SKIP.has(id)))('%s gives the trace recorded in tests/fixtures/traces', (id) => {
    const lines = traceLines(simulate(findScenario(id)!));
    const file = join(DIR, `${id}.txt`);
    if (process.env.UPDATE_GOLDENS || !existsSync(file)) writeFileSync(file, `${lines.join('\n')}\n`);
    expect(lines).toEqual(readFileSync(file, 'utf8').trimEnd().split('\n'));
  });
});
