/**
 * npm run import -- CAPTURE [--keylog FILE] [--stream N] --out trace.json
 * Reads a pcap/pcapng capture, decrypts TLS with the key log, and writes one conversation as a trace file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openCapture } from '../src/import/openCapture';
import { TRACE_VERSION, traceToJson } from '../src/import/traceFile';
import { fail as failWith } from './cli';
import { importFromFlags } from './importCapture';

const help = `Usage: npm run import -- CAPTURE [--keylog FILE] [--stream N] --out trace.json
       npm run import -- CAPTURE --list

  CAPTURE           a .pcap or .pcapng file (tcpdump, dumpcap, Wireshark); Ethernet, raw IP,
                    Linux cooked (SLL, SLL2) or BSD loopback
  --keylog FILE     TLS secrets in NSS key log format (SSLKEYLOGFILE); a Decryption Secrets
                    Block inside the capture is used as well
  --stream N        which TCP connection, numbered as tshark's tcp.stream (default: the first);
                    "udp N" for a UDP conversation; several with commas (0,1,udp 0) are
                    written as one trace, their hosts placed left to right
  --out FILE        where to write the trace (JSON, format "wirescene-trace" version ${TRACE_VERSION})
  --list            print the conversations (as Wireshark's Statistics › Conversations) and exit
  --help            this text

The trace plays in the page like a scenario, and npm run capture/record take it with --trace.`;

function fail(message: string): never {
  return failWith('import', message);
}
let parsed;
try {
  parsed = parseArgs({ options: { keylog: { type: 'string' }, stream: { type: 'string' }, out: { type: 'string' }, list: { type: 'boolean' }, help: { type: 'boolean' } }, allowPositionals: true, strict: true });
} catch (e) {
  fail((e as Error).message);
}
const { values, positionals } = parsed!;
if (values.help) {
  console.log(help);
  process.exit(0);
}
if (positionals.length !== 1) fail(positionals.length ? `one capture at a time (got ${positionals.length}: ${positionals.join(', ')})` : 'which capture? give its path, such as npm run import -- call.pcapng --out call.json');
const [capturePath] = positionals;
if (values.list) {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(capturePath));
  } catch (e) {
    fail(`cannot read the capture ${capturePath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const opened = openCapture(bytes!);
  if (!opened.ok) fail(`${capturePath}: ${opened.error}`);
  for (const c of opened.value.conversations) console.log(`${c.id.padEnd(7)} ${`${c.a.ip}:${c.a.port}`.padEnd(28)} <-> ${`${c.b.ip}:${c.b.port}`.padEnd(28)} ${String(c.packets).padStart(6)} packets ${String(c.bytes).padStart(10)} bytes ${(c.durationUs / 1e6).toFixed(3)} s`);
  process.exit(0);
}
if (!values.out) fail('--out is required (a file name such as trace.json)');
const trace = importFromFlags('import', capturePath, values.keylog, values.stream);
try {
  writeFileSync(values.out!, traceToJson(trace.sim, { capture: capturePath.split('/').at(-1), conversation: trace.conversations.map((c) => c.id).join(',') }));
} catch (e) {
  fail(`cannot write the trace to ${values.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
}
console.log(`wrote ${values.out}: ${trace.sim.packets.length} packets of ${trace.conversations.map((c) => `${c.id} (${c.a.ip}:${c.a.port} <-> ${c.b.ip}:${c.b.port})`).join(', ')}, 1 RTT = ${trace.sim.rttUs} µs`);
