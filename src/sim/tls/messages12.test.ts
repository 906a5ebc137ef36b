import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes/hex';
import { curlTls12ClientHellos, opensslTls12ClientHello } from './curlTls12ClientHello.fixture';
import { curlTls12Profile, encodeClientHello12, encodeServerHello12, opensslTls12Profile } from './messages12';

// The TLS 1.2 hellos' bytes against oracles that are not our code: what curl --tls-max 1.2 sent,
// OpenSSL's padding rule, and a ServerHello laid out by hand from the RFCs.

describe('the TLS 1.2 ClientHello', () => {
  it('is curl --tls-max 1.2 with OpenSSL 3 byte for byte, padded or not, given its random and host', () => {
    for (const { host, record } of curlTls12ClientHellos) {
      const sent = fromHex(record).subarray(5);
      const random = sent.slice(6, 38);
      expect(toHex(encodeClientHello12(curlTls12Profile, { random, host }).bytes), host).toBe(toHex(sent));
    }
  });

  it('with session_ticket is openssl s_client -tls1_2 byte for byte: curl\'s plus an empty extension 35 after supported_groups', () => {
    const sent = fromHex(opensslTls12ClientHello.record).subarray(5);
    const random = sent.slice(6, 38);
    expect(toHex(encodeClientHello12(opensslTls12Profile, { random, host: opensslTls12ClientHello.host }).bytes)).toBe(toHex(sent));
  });

  // OpenSSL (tls_construct_ctos_padding): a hello of 0x100–0x1ff bytes, header included, gets a padding
  // extension (type 21, 4-byte header, zeros) to 0x200 when more than 4 are missing, else one zero byte.
  it('pads as OpenSSL does, at every length from 211 to 526 bytes; a profile without padTo512 is never padded', () => {
    const seen = new Set<number>();
    for (let n = 5; n <= 320; n++) {
      const o = { random: new Uint8Array(32).fill(1), host: `${'a'.repeat(n - 4)}.com` };
      const bare = encodeClientHello12({ ...curlTls12Profile, padTo512: false }, o).bytes;
      const padded = encodeClientHello12(curlTls12Profile, o).bytes;
      seen.add(bare.length);
      const expected = bare.length < 0x100 || bare.length >= 0x200 ? bare.length : 0x200 - bare.length > 4 ? 0x200 : bare.length + 5;
      expect(padded.length, `a ${bare.length}-byte hello`).toBe(expected);
      expect(toHex(padded.subarray(0, 4)), 'the handshake header').toBe(`010${(expected - 4).toString(16).padStart(5, '0')}`);
      const pad = expected - bare.length - 4;
      if (pad >= 0) expect(toHex(padded.subarray(bare.length)), 'the padding extension, last').toBe(`0015${pad.toString(16).padStart(4, '0')}${'00'.repeat(pad)}`);
      else expect(toHex(padded.subarray(4)), 'no padding').toBe(toHex(bare.subarray(4)));
    }
    for (const edge of [0xff, 0x100, 0x1fb, 0x1fc, 0x1fd, 0x1ff, 0x200]) expect(seen.has(edge), `a ${edge}-byte hello was tried`).toBe(true);
  });
});

describe('the TLS 1.2 ServerHello (RFC 5246 §7.4.1.3), laid out by hand', () => {
  it('with renegotiation_info, ec_point_formats, ALPN and extended_master_secret', () => {
    const hello = encodeServerHello12({ random: new Uint8Array(32).fill(1), suite: 0xc02b, alpn: 'h2', extendedMasterSecret: true, secureRenegotiation: true, ecPointFormats: true });
    expect(toHex(hello.bytes)).toBe([
      '02', '000040', // ServerHello, 64 bytes
      '0303', '01'.repeat(32), '00', 'c02b', '00', // version, random, empty session_id, suite, null compression
      '0018', // 24 bytes of extensions
      'ff01', '0001', '00', // renegotiation_info: an empty renegotiated_connection (RFC 5746 §3.6)
      '000b', '0002', '01', '00', // ec_point_formats: uncompressed (RFC 8422 §5.2)
      '0010', '0005', '0003', '02', '6832', // ALPN: one protocol, "h2" (RFC 7301 §3.1)
      '0017', '0000', // extended_master_secret, empty (RFC 7627 §5.1)
    ].join(''));
  });
});
