/**
 * npm run capture -- --scenario https --out handshake.pcapng [--keylog keys.txt]
 * (or --scenario-file my-scenario.json instead of --scenario, --trace trace.json, or --capture CAPTURE [--capture-keylog FILE] [--stream N])
 * Writes the simulated packets as pcapng (with the TLS key log embedded) for Wireshark.
 */
import { writeFileSync } from 'node:fs';
import { fail as failWith, parseFlags, readFlagText, scenarioFlags, scenarioFlagsHelp, scenarioFromFlags } from './cli';
import { writePcapng } from '../src/export/pcapng';
import { scenarioIds } from '../src/sim/scenarios';
import { simulate } from '../src/sim/simulate';
import { useAesGcm } from '../src/sim/tls/aesGcm';
import type { Simulation } from '../src/sim/types';
import { traceFromJson } from '../src/import/traceFile';
import { importFromFlags } from './importCapture';
import { nodeAesGcm } from '../src/sim/tls/nodeAesGcm';

// OpenSSL seals the records here (the same bytes as @noble's, faster for bulk).
useAesGcm(nodeAesGcm);

const help = `Usage: npm run capture -- --out FILE.pcapng [--scenario ID | --scenario-file FILE.json] [--keylog FILE]

  --out FILE        where to write the capture (pcapng; Wireshark and tshark open it)
  --scenario ID     which scenario to simulate (default: https; known: ${scenarioIds().join(', ')})
${scenarioFlagsHelp}
  --trace FILE.json a trace made by npm run import, instead of a scenario
  --capture FILE    a pcap/pcapng capture, imported on the way (one conversation)
  --capture-keylog FILE   the capture's TLS key log (NSS format), to decrypt it
  --stream N        which TCP connection of --capture (tshark's tcp.stream; default the first; several with commas)
  --keylog FILE     also write the TLS secrets in NSS key log format (SSLKEYLOGFILE)
  --help            this text

The capture embeds the key log in a Decryption Secrets Block, so Wireshark shows the
decrypted HTTP with no setup. Timestamps are the simulated send times.`;

function fail(message: string): never {
  return failWith('capture', message);
}

const flags = parseFlags('capture', { out: { type: 'string' }, ...scenarioFlags, keylog: { type: 'string' }, trace: { type: 'string' }, capture: { type: 'string' }, 'capture-keylog': { type: 'string' }, stream: { type: 'string' } }, help);
const values = flags as { out?: string; keylog?: string; trace?: string; capture?: string; 'capture-keylog'?: string; stream?: string; scenario?: string; 'scenario-file'?: string };
if (!values.out) fail('--out is required (a file name such as handshake.pcapng)');
const sources = [values.scenario !== undefined || values['scenario-file'] !== undefined, values.trace !== undefined, values.capture !== undefined].filter(Boolean).length;
if (sources > 1) fail('--scenario/--scenario-file, --trace and --capture each pick what to write: give one of them');
if ((values['capture-keylog'] !== undefined || values.stream !== undefined) && values.capture === undefined) fail('--capture-keylog and --stream go with --capture');
const whatIf = Object.keys(scenarioFlags).filter((k) => k !== 'scenario' && k !== 'scenario-file' && (flags as Record<string, unknown>)[k] !== undefined);
if (whatIf.length && (values.trace !== undefined || values.capture !== undefined)) fail(`--${whatIf[0]} changes a simulated scenario; a --trace or --capture is played as recorded`);

function traceFromFile(path: string): Simulation {
  const read = traceFromJson(readFlagText('capture', 'trace', path));
  if (!read.ok) fail(`${path}: ${read.error}`);
  return read.value;
}

let sim: Simulation;
let what: string;
if (values.trace !== undefined) {
  sim = traceFromFile(values.trace);
  what = `trace ${values.trace}`;
} else if (values.capture !== undefined) {
  const imported = importFromFlags('capture', values.capture, values['capture-keylog'], values.stream);
  sim = imported.sim;
  what = `${imported.conversations.map((c) => c.id).join(" + ")} of ${values.capture}`;
} else {
  const { scenario } = scenarioFromFlags('capture', flags);
  sim = simulate(scenario);
  what = `scenario ${scenario.id}`;
}
const write = (path: string, data: Uint8Array | string, what: string) => {
  try {
    writeFileSync(path, data);
  } catch (e) {
    fail(`cannot write the ${what} to ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
};
write(values.out, writePcapng(sim), 'capture');
if (values.keylog) write(values.keylog, sim.keyLog, 'key log');
console.log(`wrote ${values.out}: ${sim.packets.length} packets, ${what}${values.keylog ? `; key log ${values.keylog}` : ''}`);
