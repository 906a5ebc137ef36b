import { hex16, toHex } from '../bytes/hex';
import type { Hash } from './keySchedule';
import { type Encoded, handshakeMessage } from './messages';
import { HELLO_RETRY_REQUEST_RANDOM } from './parse/handshake';
import { CIPHER_SUITE_NAMES, GROUP_NAMES, nameOf } from './parse/names';

/**
 * HelloRetryRequest (RFC 8446 §4.1.4): a ServerHello with a fixed random, sent when the client's
 * key shares miss the group the server wants. Both sides then replace the first ClientHello in
 * the transcript by a synthetic message_hash message (§4.4.1), so the hash of what follows still
 * covers it.
 */

/** handshake type 254 (message_hash), 00 00 Hash.length, Hash(ClientHello1). */
export function messageHash(hash: Hash, clientHello1: Uint8Array): Uint8Array {
  const digest = hash(clientHello1);
  const out = new Uint8Array(4 + digest.length);
  out.set([254, 0, 0, digest.length]);
  out.set(digest, 4);
  return out;
}

export function encodeHelloRetryRequest(o: { sessionId: Uint8Array; suite: number; selectedGroup: number; cookie?: Uint8Array }): Encoded {
  const group = nameOf(GROUP_NAMES, o.selectedGroup);
  return handshakeMessage(2, (w) => {
    w.u16('legacy_version', 0x0303, '0x0303 (TLS 1.2)', 'frozen');
    w.bytes('random', HELLO_RETRY_REQUEST_RANDOM, toHex(HELLO_RETRY_REQUEST_RANDOM), 'not random: SHA-256("HelloRetryRequest"), the value that makes this ServerHello a HelloRetryRequest');
    w.vector('legacy_session_id_echo', 1, (x) => { if (o.sessionId.length) x.bytes('session id', o.sessionId, `${toHex(o.sessionId).slice(0, 16)}…`); }, o.sessionId.length ? `${o.sessionId.length} bytes` : '(empty)', "the client's session id, echoed");
    w.u16('cipher_suite', o.suite, `${nameOf(CIPHER_SUITE_NAMES, o.suite)} (${hex16(o.suite)})`, 'chosen now: the ServerHello must repeat it, and its hash is the transcript hash from here');
    w.u8('legacy_compression_method', 0, 'null');
    w.vector('extensions', 2, (e) => {
      e.group('supported_versions', (x) => {
        x.u16('extension type', 43, '43 (supported_versions)');
        x.vector('extension data', 2, (y) => y.u16('selected version', 0x0304, 'TLS 1.3 (0x0304)'));
      }, 'TLS 1.3', 'a HelloRetryRequest exists only in TLS 1.3');
      e.group('key_share', (x) => {
        x.u16('extension type', 51, '51 (key_share)');
        x.vector('extension data', 2, (y) => y.u16('selected_group', o.selectedGroup, group));
      }, group, `no key here, only a request: send a ${group} share in a new ClientHello (one more round trip)`);
      if (o.cookie) e.group('cookie', (x) => {
        x.u16('extension type', 44, '44 (cookie)');
        x.vector('extension data', 2, (y) => y.vector('cookie', 2, (z) => z.bytes('cookie', o.cookie!, `${o.cookie!.length} bytes`)));
      }, `${o.cookie.length} bytes`, 'the client echoes it in its second ClientHello (RFC 8446 §4.2.2)');
    });
  }, `HelloRetryRequest: send a ${group} key share`);
}
