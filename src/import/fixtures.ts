import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type OpenedCapture, openCapture } from './openCapture';
import { captureToTrace } from './toTrace';

/** The real loopback captures in tests/fixtures/captures (see its README for how each was made). */
export const FIXTURE_DIR = join(import.meta.dirname, '../../tests/fixtures/captures');
/** One TLS connection each (GET /hello, GET /missing) with another cipher suite than AES-128-GCM (make/ciphers.sh). */
export const CIPHER_FIXTURES = ['tls13-aes256.pcapng', 'tls13-chacha20.pcapng', 'tls12-aes256.pcapng', 'tls12-chacha20.pcapng'] as const;
export const FIXTURES = ['http-plain.pcap', 'http-plain-ns.pcap', 'http-plain-sll2.pcapng', 'tls13-http1.pcapng', 'tls12-http1.pcapng', 'h2-ipv6.pcapng', 'h2-ipv6-dsb.pcapng', 'dns-udp.pcapng', 'several.pcapng', ...CIPHER_FIXTURES] as const;
export const KEY_LOGS: Partial<Record<(typeof FIXTURES)[number], string>> = { 'tls13-http1.pcapng': 'tls13-http1.keys', 'tls12-http1.pcapng': 'tls12-http1.keys', 'h2-ipv6.pcapng': 'h2-ipv6.keys',
  ...Object.fromEntries(CIPHER_FIXTURES.map((name) => [name, name.replace('.pcapng', '.keys')])),
};

export const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURE_DIR, name)));

/** A fixture opened as the page opens a capture; a test fails loudly if it cannot be. */
export function openedFixture(name: string): OpenedCapture {
  const o = openCapture(fixture(name));
  if (!o.ok) throw new Error(o.error);
  return o.value;
}

/** These conversations of a fixture as one trace (npm run import --conversation …). */
export function importedFixture(name: string, conversation: string[]) {
  const t = captureToTrace(openedFixture(name), { conversation });
  if (!t.ok) throw new Error(t.error);
  return t.value;
}
