import { describe, expect, it } from 'vitest';
import { curlProfile, encodeClientHello } from './hello';

// RFC 7685 padding as OpenSSL 1.1.1+ applies it (tls_construct_ctos_padding, F5_WORKAROUND_MIN/MAX_MSG_LEN):
// a ClientHello of 0x100–0x1ff bytes, its 4-byte handshake header included, gets a padding extension (type 21,
// 4-byte header, zeros) that brings it to exactly 0x200 bytes when more than 4 are missing, else one zero byte
// (never an empty extension last: WebSphere 7/8 choke on it). Only the TLS 1.3 suites and three signature algorithms offered, so that short
// host names bring the hello under 256 bytes.
const hello = (hostLength: number, padTo512: boolean) =>
  encodeClientHello({ ...curlProfile, cipherSuites: curlProfile.cipherSuites.slice(0, 3), signatureAlgorithms: curlProfile.signatureAlgorithms.slice(0, 3), padTo512 }, { random: new Uint8Array(32).fill(1), sessionId: new Uint8Array(32).fill(2), host: `${'a'.repeat(hostLength - 4)}.com`, keyShares: [{ group: 0x1d, key: new Uint8Array(32).fill(3) }] }).bytes;

describe('ClientHello padding (RFC 7685, OpenSSL)', () => {
  it('pads 256–511-byte hellos to 512, a hello 1–4 bytes short by one byte, and leaves the others alone', () => {
    const seen = new Set<number>();
    for (let n = 5; n <= 300; n++) {
      const bare = hello(n, false).length;
      const padded = hello(n, true);
      seen.add(bare);
      const expected = bare < 0x100 || bare >= 0x200 ? bare : 0x200 - bare > 4 ? 0x200 : bare + 5;
      expect(padded.length, `a ${bare}-byte hello`).toBe(expected);
      if (expected !== bare) {
        // the padding extension is the last one: type 21, then its length, then zeros
        const pad = expected - bare - 4;
        expect([...padded.subarray(bare, bare + 4)]).toEqual([0, 21, pad >> 8, pad & 0xff]);
        expect(padded.subarray(bare + 4).every((b) => b === 0)).toBe(true);
      }
    }
    for (const edge of [0xff, 0x100, 0x1fc, 0x1fd, 0x1ff, 0x200]) expect(seen.has(edge), `a ${edge}-byte hello was tried`).toBe(true);
  });
});
