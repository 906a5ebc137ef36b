/**
 * npm run capture -- --scenario https --out handshake.pcapng [--keylog keys.txt]
 * (or --scenario-file my-scenario.json instead of --scenario)
 * Writes the simulated packets as pcapng (with the TLS key log embedded) for Wireshark.
 */
import { writeFileSync } from 'node:fs';
import { fail as failWith, parseFlags, scenarioFlags, scenarioFlagsHelp, scenarioFromFlags } from './cli';
import { writePcapng } from '../src/export/pcapng';
import { scenarioIds } from '../src/sim/scenarios';
import { simulate } from '../src/sim/simulate';
import { useAesGcm } from '../src/sim/tls/aesGcm';
import { nodeAesGcm } from '../src/sim/tls/nodeAesGcm';

// OpenSSL seals the records here (the same bytes as @noble's, faster for bulk).
useAesGcm(nodeAesGcm);

const help = `Usage: npm run capture -- --out FILE.pcapng [--scenario ID | --scenario-file FILE.json] [--keylog FILE]

  --out FILE        where to write the capture (pcapng; Wireshark and tshark open it)
  --scenario ID     which scenario to simulate (default: https; known: ${scenarioIds().join(', ')})
${scenarioFlagsHelp}
  --keylog FILE     also write the TLS secrets in NSS key log format (SSLKEYLOGFILE)
  --help            this text

The capture embeds the key log in a Decryption Secrets Block, so Wireshark shows the
decrypted HTTP with no setup. Timestamps are the simulated send times.`;

function fail(message: string): never {
  return failWith('capture', message);
}

const flags = parseFlags('capture', { out: { type: 'string' }, ...scenarioFlags, keylog: { type: 'string' } }, help);
const values = flags as { out?: string; keylog?: string };
if (!values.out) fail('--out is required (a file name such as handshake.pcapng)');
const { scenario } = scenarioFromFlags('capture', flags);

const sim = simulate(scenario);
const write = (path: string, data: Uint8Array | string, what: string) => {
  try {
    writeFileSync(path, data);
  } catch (e) {
    fail(`cannot write the ${what} to ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
};
write(values.out, writePcapng(sim), 'capture');
if (values.keylog) write(values.keylog, sim.keyLog, 'key log');
console.log(`wrote ${values.out}: ${sim.packets.length} packets, scenario ${scenario.id}${values.keylog ? `; key log ${values.keylog}` : ''}`);
