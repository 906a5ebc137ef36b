import { describe, expect, it } from 'vitest';
import { concat } from '../sim/bytes/hex';
import { LINK_TYPE_NAMES, readLinkHeader } from './link';

// Link-layer headers as https://www.tcpdump.org/linktypes.html lays them out: Ethernet (IEEE 802.3,
// EtherType at 12, 802.1Q/802.1ad tags of 4 bytes), LINKTYPE_NULL/LOOP (4-byte address family, host
// or network order), Linux SLL (16 bytes, protocol at 14) and SLL2 (20 bytes, protocol at 0), raw IP.

const v4 = Uint8Array.of(0x45);
const v6 = Uint8Array.of(0x60);
const ether = (...types: number[]) => concat(new Uint8Array(12), ...types.map((t) => Uint8Array.of(t >> 8, t & 0xff)));

describe('link headers: length, IP version, summary', () => {
  it('Ethernet: IPv4, IPv6, ARP; one 802.1Q tag, an 802.1ad tag over an 802.1Q tag', () => {
    expect(readLinkHeader(1, ether(0x0800))).toEqual({ length: 14, ipVersion: 4, summary: 'Ethernet II, type 0x0800' });
    expect(readLinkHeader(1, ether(0x86dd))).toEqual({ length: 14, ipVersion: 6, summary: 'Ethernet II, type 0x86dd' });
    expect(readLinkHeader(1, ether(0x0806))).toEqual({ length: 14, ipVersion: undefined, summary: 'Ethernet II, type 0x0806' });
    expect(readLinkHeader(1, ether(0x8100, 5, 0x86dd))).toEqual({ length: 18, ipVersion: 6, summary: 'Ethernet II, type 0x86dd' });
    expect(readLinkHeader(1, ether(0x88a8, 7, 0x8100, 5, 0x0800))).toEqual({ length: 22, ipVersion: 4, summary: 'Ethernet II, type 0x0800' });
  });

  it('Ethernet: 13 bytes are too short, 14 are a header; a tag cut off is left as the type it says', () => {
    expect(readLinkHeader(1, new Uint8Array(13))).toBe('frame of 13 bytes is shorter than its Ethernet header (14 bytes)');
    expect(readLinkHeader(1, ether(0x0800))).toMatchObject({ length: 14 });
    // 14 + 3 bytes: the 802.1Q tag has no room for its inner type, so it is not read.
    expect(readLinkHeader(1, concat(ether(0x8100), Uint8Array.of(0, 5, 8)))).toEqual({ length: 14, ipVersion: undefined, summary: 'Ethernet II, type 0x8100' });
    expect(readLinkHeader(1, concat(ether(0x8100), Uint8Array.of(0, 5, 8, 0)))).toEqual({ length: 18, ipVersion: 4, summary: 'Ethernet II, type 0x0800' });
  });

  it('raw IP (101), raw IPv4 (228) and raw IPv6 (229): the version nibble decides; an empty frame is too short', () => {
    expect(readLinkHeader(101, v4)).toEqual({ length: 0, ipVersion: 4, summary: 'raw IP' });
    expect(readLinkHeader(101, v6)).toEqual({ length: 0, ipVersion: 6, summary: 'raw IP' });
    expect(readLinkHeader(228, v4)).toEqual({ length: 0, ipVersion: 4, summary: 'raw IPv4' });
    expect(readLinkHeader(229, v6)).toEqual({ length: 0, ipVersion: 6, summary: 'raw IPv6' });
    expect(readLinkHeader(101, Uint8Array.of(0x55))).toEqual({ length: 0, ipVersion: undefined, summary: 'raw IP' });
    expect(readLinkHeader(101, new Uint8Array())).toBe('frame of 0 bytes is shorter than its raw IP header (1 bytes)');
    // 228 and 229 name the version themselves: the IP reader then says what is wrong with the packet.
    expect(readLinkHeader(228, v6)).toEqual({ length: 0, ipVersion: 4, summary: 'raw IPv4' });
    expect(readLinkHeader(229, new Uint8Array())).toEqual({ length: 0, ipVersion: 6, summary: 'raw IPv6' });
  });

  it('BSD loopback: the family in either byte order; AF_INET6 of BSD, FreeBSD, macOS and Linux', () => {
    const le = (n: number) => Uint8Array.of(n & 0xff, (n >> 8) & 0xff, 0, 0);
    const be = (n: number) => Uint8Array.of(0, 0, (n >> 8) & 0xff, n & 0xff);
    for (const family of [24, 28, 30, 10]) {
      expect(readLinkHeader(0, le(family))).toEqual({ length: 4, ipVersion: 6, summary: `BSD loopback, family ${family}` });
      expect(readLinkHeader(0, be(family))).toEqual({ length: 4, ipVersion: 6, summary: `BSD loopback, family ${family}` });
      expect(readLinkHeader(108, be(family))).toEqual({ length: 4, ipVersion: 6, summary: `OpenBSD loopback, family ${family}` });
    }
    expect(readLinkHeader(0, le(2))).toMatchObject({ ipVersion: 4, summary: 'BSD loopback, family 2' });
    // 255 little-endian is below 256: read as little-endian; 256 is not, so the bytes are read big-endian.
    expect(readLinkHeader(0, le(255))).toMatchObject({ ipVersion: undefined, summary: 'BSD loopback, family 255' });
    expect(readLinkHeader(0, le(256))).toMatchObject({ summary: 'BSD loopback, family 65536' });
    // LOOP is always network order: 2 little-endian is 0x02000000 there.
    expect(readLinkHeader(108, le(2))).toMatchObject({ ipVersion: undefined, summary: 'OpenBSD loopback, family 33554432' });
    expect(readLinkHeader(0, Uint8Array.of(2, 0, 0))).toBe('frame of 3 bytes is shorter than its BSD loopback header (4 bytes)');
    expect(readLinkHeader(108, Uint8Array.of(0, 0, 0))).toBe('frame of 3 bytes is shorter than its OpenBSD loopback header (4 bytes)');
    // a family with its top bit set is an unsigned 32-bit number (it read -2147483646 before)
    expect(readLinkHeader(0, Uint8Array.of(0x80, 0, 0, 2))).toMatchObject({ summary: 'BSD loopback, family 2147483650' });
  });

  it('Linux SLL: 16 bytes, protocol at 14; SLL2: 20 bytes, protocol at 0; one byte less is too short', () => {
    const sll = (type: number) => concat(new Uint8Array(14), Uint8Array.of(type >> 8, type & 0xff));
    expect(readLinkHeader(113, sll(0x0800))).toEqual({ length: 16, ipVersion: 4, summary: 'Linux cooked, protocol 0x0800' });
    expect(readLinkHeader(113, sll(0x86dd))).toEqual({ length: 16, ipVersion: 6, summary: 'Linux cooked, protocol 0x86dd' });
    expect(readLinkHeader(113, sll(0x0806))).toEqual({ length: 16, ipVersion: undefined, summary: 'Linux cooked, protocol 0x0806' });
    expect(readLinkHeader(113, new Uint8Array(15))).toBe('frame of 15 bytes is shorter than its Linux cooked (SLL) header (16 bytes)');
    const sll2 = (type: number) => concat(Uint8Array.of(type >> 8, type & 0xff), new Uint8Array(18));
    expect(readLinkHeader(276, sll2(0x86dd))).toEqual({ length: 20, ipVersion: 6, summary: 'Linux cooked v2, protocol 0x86dd' });
    expect(readLinkHeader(276, sll2(0x0800))).toEqual({ length: 20, ipVersion: 4, summary: 'Linux cooked v2, protocol 0x0800' });
    expect(readLinkHeader(276, sll2(0x0003))).toEqual({ length: 20, ipVersion: undefined, summary: 'Linux cooked v2, protocol 0x0003' });
    expect(readLinkHeader(276, new Uint8Array(19))).toBe('frame of 19 bytes is shorter than its Linux cooked v2 (SLL2) header (20 bytes)');
  });

  it('an unknown link type names the ones this reader knows', () => {
    expect(readLinkHeader(147, new Uint8Array(40))).toBe('link type 147 is not one this reader knows (Ethernet, raw IP, Linux cooked SLL/SLL2, BSD loopback)');
  });

  it('every link type has the name tcpdump.org gives it', () => {
    expect(LINK_TYPE_NAMES).toEqual({ 0: 'BSD loopback', 1: 'Ethernet', 101: 'raw IP', 108: 'OpenBSD loopback', 113: 'Linux cooked (SLL)', 228: 'raw IPv4', 229: 'raw IPv6', 276: 'Linux cooked v2 (SLL2)' });
  });
});
