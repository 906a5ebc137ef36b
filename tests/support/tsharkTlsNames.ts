/**
 * npx tsx tests/support/tsharkTlsNames.ts: records Wireshark's names for the TLS code points our
 * name tables hold (src/sim/tls/parse/names.ts), from `tshark -G values`, into
 * tests/fixtures/tshark/tls-names.json, so names.test.ts checks them against tshark without
 * running it (a mutation run starts no processes). A code tshark does not know is recorded as null.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { ALERT_DESCRIPTION_NAMES, CIPHER_SUITE_NAMES, EXTENSION_NAMES, GROUP_NAMES, HANDSHAKE_TYPE_NAMES, SIGNATURE_SCHEME_NAMES, VERSION_NAMES } from '../../src/sim/tls/parse/names';

const FIELDS = {
  handshakeType: ['tls.handshake.type', HANDSHAKE_TYPE_NAMES],
  extension: ['tls.handshake.extension.type', EXTENSION_NAMES],
  cipherSuite: ['tls.handshake.ciphersuite', CIPHER_SUITE_NAMES],
  group: ['tls.handshake.extensions_supported_group', GROUP_NAMES],
  signatureScheme: ['tls.handshake.sig_hash_alg', SIGNATURE_SCHEME_NAMES],
  version: ['tls.record.version', VERSION_NAMES],
  alert: ['tls.alert_message.desc', ALERT_DESCRIPTION_NAMES],
} as const;

const values = new Map<string, Map<number, string>>();
for (const line of execFileSync('tshark', ['-G', 'values'], { encoding: 'utf8', maxBuffer: 1 << 30 }).split('\n')) {
  const [kind, field, code, name] = line.split('\t');
  if (kind !== 'V' || !Object.values(FIELDS).some(([f]) => f === field)) continue;
  if (!values.has(field)) values.set(field, new Map());
  // tls.handshake.type lists SSLv2's types first, then TLS's: the later entry is TLS's.
  values.get(field)!.set(Number(code), name);
}
const out: Record<string, unknown> = { tshark: execFileSync('tshark', ['--version'], { encoding: 'utf8' }).split('\n')[0] };
for (const [key, [field, table]] of Object.entries(FIELDS)) {
  const known = values.get(field)!;
  out[key] = Object.fromEntries(Object.keys(table).map((code) => [code, known.get(Number(code)) ?? null]));
  // Every code tshark calls GREASE, for isGrease (RFC 8701).
  if (key === 'extension' || key === 'version') out[`${key}Grease`] = [...known].filter(([, n]) => n.includes('GREASE')).map(([c]) => c);
}
out.extensionAll = Object.fromEntries([...values.get('tls.handshake.extension.type')!].map(([c, n]) => [c, n]));
mkdirSync('tests/fixtures/tshark', { recursive: true });
writeFileSync('tests/fixtures/tshark/tls-names.json', `${JSON.stringify(out, null, 1)}\n`);
