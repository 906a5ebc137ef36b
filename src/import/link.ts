/** Link-layer headers before the IP packet (https://www.tcpdump.org/linktypes.html). */
export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LOOP = 108;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_LINUX_SLL2 = 276;

export const LINK_TYPE_NAMES: Record<number, string> = {
  [LINKTYPE_NULL]: 'BSD loopback',
  [LINKTYPE_ETHERNET]: 'Ethernet',
  [LINKTYPE_RAW]: 'raw IP',
  [LINKTYPE_LOOP]: 'OpenBSD loopback',
  [LINKTYPE_LINUX_SLL]: 'Linux cooked (SLL)',
  [LINKTYPE_IPV4]: 'raw IPv4',
  [LINKTYPE_IPV6]: 'raw IPv6',
  [LINKTYPE_LINUX_SLL2]: 'Linux cooked v2 (SLL2)',
};

export interface LinkHeader {
  /** Bytes before the network header. */
  length: number;
  /** 4, 6, or undefined when the frame carries something other than IP (ARP, …). */
  ipVersion?: 4 | 6;
  /** "Ethernet II, type IPv4", for the frame's summary. */
  summary: string;
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const ETHERTYPE_VLAN = [0x8100, 0x88a8];

const etherIp = (t: number): 4 | 6 | undefined => (t === ETHERTYPE_IPV4 ? 4 : t === ETHERTYPE_IPV6 ? 6 : undefined);
const u16 = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];

/** Returns the link header, or a sentence saying why the frame cannot be read. */
export function readLinkHeader(linkType: number, b: Uint8Array): LinkHeader | string {
  const short = (need: number) => `frame of ${b.length} bytes is shorter than its ${LINK_TYPE_NAMES[linkType]} header (${need} bytes)`;
  switch (linkType) {
    case LINKTYPE_ETHERNET: {
      if (b.length < 14) return short(14);
      let type = u16(b, 12);
      let length = 14;
      while (ETHERTYPE_VLAN.includes(type) && b.length >= length + 4) {
        type = u16(b, length + 2);
        length += 4;
      }
      return { length, ipVersion: etherIp(type), summary: `Ethernet II, type 0x${type.toString(16).padStart(4, '0')}` };
    }
    // LINKTYPE_IPV4 and _IPV6 say the version; LINKTYPE_RAW leaves it to the packet's first nibble.
    case LINKTYPE_IPV4:
      return { length: 0, ipVersion: 4, summary: LINK_TYPE_NAMES[linkType] };
    case LINKTYPE_IPV6:
      return { length: 0, ipVersion: 6, summary: LINK_TYPE_NAMES[linkType] };
    case LINKTYPE_RAW: {
      if (b.length < 1) return short(1);
      const v = b[0] >> 4;
      return { length: 0, ipVersion: v === 4 ? 4 : v === 6 ? 6 : undefined, summary: LINK_TYPE_NAMES[linkType] };
    }
    case LINKTYPE_NULL:
    case LINKTYPE_LOOP: {
      if (b.length < 4) return short(4);
      // NULL: address family in the writer's byte order; LOOP: network order. AF_INET is 2 everywhere;
      // AF_INET6 is 24 (BSD), 28 (FreeBSD), 30 (macOS), 10 (Linux).
      const le = b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24);
      const be = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
      const family = linkType === LINKTYPE_LOOP ? be : le >>> 0 < 256 ? le : be;
      const ipVersion = family === 2 ? 4 : [10, 24, 28, 30].includes(family) ? 6 : undefined;
      return { length: 4, ipVersion, summary: `${LINK_TYPE_NAMES[linkType]}, family ${family}` };
    }
    case LINKTYPE_LINUX_SLL: {
      if (b.length < 16) return short(16);
      const type = u16(b, 14);
      return { length: 16, ipVersion: etherIp(type), summary: `Linux cooked, protocol 0x${type.toString(16).padStart(4, '0')}` };
    }
    case LINKTYPE_LINUX_SLL2: {
      if (b.length < 20) return short(20);
      const type = u16(b, 0);
      return { length: 20, ipVersion: etherIp(type), summary: `Linux cooked v2, protocol 0x${type.toString(16).padStart(4, '0')}` };
    }
    default:
      return `link type ${linkType} is not one this reader knows (Ethernet, raw IP, Linux cooked SLL/SLL2, BSD loopback)`;
  }
}
