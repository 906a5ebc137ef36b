import { describe, expect, it } from 'vitest';
import { concat, fromHex, toHex } from '../../bytes/hex';
import { curlClientHelloRecord } from '../curlClientHello.fixture';
import { rfc8448 as v } from '../rfc8448.fixture';
import { rfc8448Hrr as hrr } from '../rfc8448hrr.fixture';
import { parseExtensions } from './extensions';
import { parseClientHello, parseEncryptedExtensions, parseServerHello } from './handshake';

// Oracles: curl's real ClientHello as tshark 4.0 reads it (the record wrapped by
// `text2pcap -T 40000,443` and read with `tshark -d tcp.port==443,tls -T fields -e
// tls.handshake.extension.type -e tls.handshake.extensions_server_name …`: the values below), and
// RFC 8448 §3 / §5 messages as the RFC annotates them. Hand-built blocks follow RFC 8446 §4.2.
const curl = parseClientHello(fromHex(curlClientHelloRecord).subarray(9));
const ext = (type: number, data: string) => `${type.toString(16).padStart(4, '0')}${(data.length / 2).toString(16).padStart(4, '0')}${data}`;
const block = (...e: string[]) => fromHex(e.join(''));

describe("extensions of curl's ClientHello, as tshark reads them", () => {
  it('types in wire order, SNI, groups, signature algorithms, ALPN, versions, key share, PSK modes, point formats', () => {
    const x = curl.extensions;
    expect(x.list.map((e) => e.type)).toEqual([0, 11, 10, 16, 22, 23, 49, 13, 43, 45, 51, 21]);
    expect(x.list.map((e) => e.name)).toEqual(['server_name', 'ec_point_formats', 'supported_groups', 'application_layer_protocol_negotiation', 'encrypt_then_mac', 'extended_master_secret', 'post_handshake_auth', 'signature_algorithms', 'supported_versions', 'psk_key_exchange_modes', 'key_share', 'padding']);
    expect(x.serverName).toBe('example.com');
    expect(x.supportedGroups).toEqual([0x001d, 0x0017, 0x001e, 0x0019, 0x0018, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104]);
    expect(x.signatureAlgorithms).toEqual([0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0302, 0x0402, 0x0502, 0x0602]);
    expect(x.alpn).toEqual(['h2', 'http/1.1']);
    expect(x.supportedVersions).toEqual([0x0304, 0x0303, 0x0302, 0x0301]);
    expect(x.keyShares!.map((k) => [k.group, k.keyExchange.length])).toEqual([[29, 32]]);
    expect(x.pskKeyExchangeModes).toEqual([1]);
    expect(x.ecPointFormats).toEqual([0, 1, 2]);
    expect([x.encryptThenMac, x.extendedMasterSecret, x.postHandshakeAuth]).toEqual([true, true, true]);
    expect([x.statusRequest, x.sessionTicket, x.preSharedKey, x.earlyData]).toEqual([undefined, undefined, undefined, undefined]);
    const padding = x.list.at(-1)!;
    expect(padding.data.every((b) => b === 0)).toBe(true);
    expect(toHex(x.list[0].data)).toBe('000e00000b6578616d706c652e636f6d');
  });
});

describe('extensions by context (RFC 8446 §4.2)', () => {
  it('ServerHello: one key share and the selected version; HelloRetryRequest: the group asked for and a cookie (RFC 8448 §5)', () => {
    const sh = parseServerHello(fromHex(v.serverHello).subarray(4)).extensions;
    expect(sh.supportedVersions).toEqual([0x0304]);
    expect(sh.keyShares).toEqual([{ group: 0x001d, keyExchange: fromHex(v.serverPublicKey) }]);
    const r = parseServerHello(fromHex(hrr.helloRetryRequest).subarray(4)).extensions;
    expect(r.selectedGroup).toBe(0x0017);
    expect(r.keyShares).toBeUndefined();
    expect(r.cookie!.length).toBe(0x72);
    expect(toHex(r.cookie!.subarray(0, 4))).toBe('71dcd04b');
    expect(r.supportedVersions).toEqual([0x0304]);
    const ch2 = parseClientHello(fromHex(hrr.clientHello2).subarray(4)).extensions;
    expect(toHex(ch2.cookie!)).toBe(toHex(r.cookie!));
    expect(ch2.keyShares!.map((k) => [k.group, k.keyExchange.length])).toEqual([[0x0017, 65]]);
  });

  it('EncryptedExtensions of RFC 8448 §3: groups, record_size_limit, and an empty server_name that says the SNI was used', () => {
    const ee = parseEncryptedExtensions(fromHex(v.encryptedExtensions).subarray(4));
    expect(ee.list.map((e) => e.name)).toEqual(['supported_groups', 'record_size_limit', 'server_name']);
    expect(ee.recordSizeLimit).toBe(0x4001);
    expect(ee.serverName).toBeUndefined();
    expect(ee.supportedGroups).toEqual([0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104]);
  });

  it('early_data: empty in a ClientHello or EncryptedExtensions, max_early_data_size in a NewSessionTicket', () => {
    expect(parseExtensions(block(ext(42, '')), 'client_hello').earlyData).toEqual({});
    expect(parseExtensions(block(ext(42, '')), 'encrypted_extensions').earlyData).toEqual({});
    expect(parseExtensions(block(ext(42, '00000400')), 'new_session_ticket').earlyData).toEqual({ maxEarlyDataSize: 1024 });
    expect(() => parseExtensions(block(ext(42, '00000400')), 'client_hello')).toThrow('extension early_data has 4 unexpected trailing bytes');
  });

  it('pre_shared_key: identities, binders and the binders length in a ClientHello; the selected identity in a ServerHello', () => {
    const psk = ext(41, `000a0004aabbccdd01020304` + `0021` + `20${'11'.repeat(32)}`);
    const x = parseExtensions(block(ext(45, '0101'), psk), 'client_hello');
    expect(x.preSharedKey!.identities).toEqual([{ identity: fromHex('aabbccdd'), obfuscatedTicketAge: 0x01020304 }]);
    expect(x.preSharedKey!.binders.map(toHex)).toEqual(['11'.repeat(32)]);
    expect(x.preSharedKey!.bindersLength).toBe(35);
    expect(parseExtensions(block(ext(41, '0002')), 'server_hello').selectedIdentity).toBe(2);
    expect(() => parseExtensions(block(psk, ext(45, '0101')), 'client_hello')).toThrow('TLS parse: pre_shared_key must be the last extension of a ClientHello (RFC 8446 §4.2.11)');
    expect(parseExtensions(block(ext(41, '0002'), ext(45, '0101')), 'server_hello').selectedIdentity).toBe(2);
  });

  it('TLS 1.2 extensions: status_request, session_ticket (empty or a ticket), renegotiation_info, a server_name of another kind', () => {
    const x = parseExtensions(block(ext(5, '0100000000'), ext(35, 'c0ffee'), ext(65281, '00'), ext(0, '0007' + '01' + '0004' + '61626364')), 'client_hello');
    expect(x.statusRequest).toBe(true);
    expect(toHex(x.sessionTicket!)).toBe('c0ffee');
    expect(x.renegotiationInfo).toEqual(new Uint8Array(0));
    expect(x.serverName).toBeUndefined();
    expect(parseExtensions(block(ext(35, '')), 'client_hello').sessionTicket).toEqual(new Uint8Array(0));
    expect(parseExtensions(block(ext(50, '00020403')), 'certificate_request').signatureAlgorithmsCert).toEqual([0x0403]);
    expect(parseExtensions(block(ext(0, '')), 'server_hello').list).toHaveLength(1);
  });

  it('refuses a duplicate, a short extension and bytes left over in an empty one, by name', () => {
    expect(() => parseExtensions(block(ext(23, ''), ext(23, '')), 'client_hello')).toThrow('TLS parse: duplicate extension extended_master_secret');
    expect(() => parseExtensions(block(ext(23, '00')), 'client_hello')).toThrow('extension extended_master_secret has 1 unexpected trailing bytes');
    expect(() => parseExtensions(block(ext(22, '00')), 'client_hello')).toThrow('extension encrypt_then_mac has 1');
    expect(() => parseExtensions(block(ext(49, '00')), 'client_hello')).toThrow('extension post_handshake_auth has 1');
    expect(() => parseExtensions(block(ext(28, '40')), 'client_hello')).toThrow('record_size_limit needs 2 bytes, 1 left');
    expect(() => parseExtensions(concat(fromHex('0017'), fromHex('00')), 'client_hello')).toThrow('extension 23 data length needs 2 bytes');
    expect(() => parseExtensions(block(ext(43, '0403')), 'server_hello')).not.toThrow();
    expect(() => parseExtensions(block(ext(43, '020304ff')), 'server_hello')).toThrow('extension supported_versions has 2 unexpected trailing bytes');
    // An extension we do not decode is kept raw, whatever it holds.
    const x = parseExtensions(block(ext(0x2a2a, 'ff'), ext(0x1234, '0102')), 'client_hello');
    expect(x.list.map((e) => [e.name, toHex(e.data)])).toEqual([['GREASE (0x2a2a)', 'ff'], ['unknown (0x1234)', '0102']]);
  });
});
