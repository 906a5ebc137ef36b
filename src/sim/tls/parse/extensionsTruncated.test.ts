import { describe, expect, it } from 'vitest';
import { fromHex as hex } from '../../bytes/hex';
import { type ExtensionContext, parseExtensions } from './extensions';

// Each extension body cut where one of its fields runs out (RFC 8446 §4.2 layouts, written out
// here): the error names that field, so a broken hello says which field of which extension broke.
const ext = (type: number, data: string) => {
  const d = hex(data);
  return Uint8Array.from([type >> 8, type & 0xff, d.length >> 8, d.length & 0xff, ...d]);
};
const error = (block: Uint8Array, ctx: ExtensionContext) => {
  try {
    parseExtensions(block, ctx);
    return 'parsed';
  } catch (e) {
    return (e as Error).message.replace(/^TLS parse: /, '');
  }
};

const cases: [string, ExtensionContext, number, string, string][] = [
  ['server_name: the list length', 'client_hello', 0, '00', 'server name list length needs 2 bytes, 1 left'],
  ['server_name: the host name', 'client_hello', 0, '0003 00 0005', 'host name needs 5 bytes, 0 left'],
  ['supported_groups', 'client_hello', 10, '00', 'named group list length needs 2 bytes, 1 left'],
  ['ec_point_formats', 'client_hello', 11, '', 'ec point formats length needs 1 bytes, 0 left'],
  ['signature_algorithms', 'client_hello', 13, '00', 'signature algorithms length needs 2 bytes, 1 left'],
  ['signature_algorithms_cert', 'client_hello', 50, '00', 'signature algorithms cert length needs 2 bytes, 1 left'],
  ['ALPN: the list length', 'client_hello', 16, '00', 'protocol name list length needs 2 bytes, 1 left'],
  ['ALPN: a protocol name', 'client_hello', 16, '0002 05 68', 'protocol name needs 5 bytes, 1 left'],
  ['renegotiation_info', 'client_hello', 65281, '05', 'renegotiated_connection needs 5 bytes, 0 left'],
  ['cookie', 'client_hello', 44, '0005', 'cookie needs 5 bytes, 0 left'],
  ['psk_key_exchange_modes', 'client_hello', 45, '', 'psk key exchange modes length needs 1 bytes, 0 left'],
  ['supported_versions in a ClientHello', 'client_hello', 43, '', 'versions length needs 1 bytes, 0 left'],
  ['supported_versions in a ServerHello', 'server_hello', 43, '03', 'selected_version needs 2 bytes, 1 left'],
  ['key_share: the client shares', 'client_hello', 51, '00', 'client_shares length needs 2 bytes, 1 left'],
  ['key_share: a group', 'server_hello', 51, '00', 'key_share group needs 2 bytes, 1 left'],
  ['key_share: a key', 'server_hello', 51, '001d 0020 00', 'key_exchange needs 32 bytes, 1 left'],
  ['key_share in a HelloRetryRequest', 'hello_retry_request', 51, '00', 'selected_group needs 2 bytes, 1 left'],
  ['pre_shared_key: the identities', 'client_hello', 41, '00', 'identities length needs 2 bytes, 1 left'],
  ['pre_shared_key: an identity', 'client_hello', 41, '0002 0005', 'identity needs 5 bytes, 0 left'],
  ['pre_shared_key: a ticket age', 'client_hello', 41, '0004 0001 61 00', 'obfuscated_ticket_age needs 2 bytes, 1 left'],
  ['pre_shared_key: the binders', 'client_hello', 41, '0007 0001 61 00000001 00', 'binders length needs 2 bytes, 1 left'],
  ['pre_shared_key: a binder', 'client_hello', 41, '0007 0001 61 00000001 0001 20', 'binder needs 32 bytes, 0 left'],
  ['pre_shared_key in a ServerHello', 'server_hello', 41, '00', 'selected_identity needs 2 bytes, 1 left'],
  ['early_data in a NewSessionTicket', 'new_session_ticket', 42, '0000', 'max_early_data_size needs 2 bytes, 0 left'],
  ['record_size_limit', 'encrypted_extensions', 28, '40', 'record_size_limit needs 2 bytes, 1 left'],
];

describe('TLS extensions cut short name the field that ran out', () => {
  it.each(cases)('%s', (_, ctx, type, data, message) => {
    expect(error(ext(type, data), ctx)).toBe(message);
  });

  it('names a block cut inside an extension type', () => {
    expect(error(hex('00'), 'client_hello')).toBe('extension type needs 2 bytes, 1 left');
    expect(() => parseExtensions(hex('00'), 'client_hello')).toThrow(/^TLS parse: extension type/);
  });

  it('reads ALPN, post_handshake_auth and skips an unknown (GREASE) extension whole', () => {
    const block = Uint8Array.from([...ext(0x1a1a, 'abcdef'), ...ext(16, '000c 02 6832 08 687474702f312e31'), ...ext(49, '')]);
    const x = parseExtensions(block, 'client_hello');
    expect(x.alpn).toEqual(['h2', 'http/1.1']);
    expect(x.postHandshakeAuth).toBe(true);
    expect(x.list.map((e) => [e.type, e.data.length])).toEqual([[0x1a1a, 3], [16, 14], [49, 0]]);
  });

  it('takes pre_shared_key last in a ClientHello and refuses it anywhere else (RFC 8446 §4.2.11)', () => {
    const psk = ext(41, '0007 0001 61 00000001 0002 01 00');
    const block = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
    expect(error(block(ext(43, '02 0304'), ext(45, '01 01'), psk), 'client_hello')).toBe('parsed');
    expect(error(block(ext(43, '02 0304'), psk, ext(45, '01 01')), 'client_hello')).toBe('pre_shared_key must be the last extension of a ClientHello (RFC 8446 §4.2.11)');
  });
});

