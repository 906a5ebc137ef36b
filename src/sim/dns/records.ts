/** DNS numbers (RFC 1035 §3.2.2, §3.2.4, §4.1.1) and how Wireshark names them. */

export const DNS_PORT = 53;
export const DNS_HEADER_BYTES = 12;
export const TYPE_A = 1;
export const CLASS_IN = 1;
export const RCODE_NOERROR = 0;

/** Offset of the question's name: right after the header, where 0xc00c points. */
export const QUESTION_NAME_OFFSET = DNS_HEADER_BYTES;

const TYPE_NAMES: Record<number, string> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  6: 'SOA',
  12: 'PTR',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
  41: 'OPT',
  64: 'SVCB',
  65: 'HTTPS',
};

/** 'A', or 'TYPE99' for a type we have no name for (RFC 3597 §5). */
export function typeName(type: number): string {
  return TYPE_NAMES[type] ?? `TYPE${type}`;
}

/**
 * A name as Wireshark shows it: without a trailing dot (the wire has none, RFC 1035 §3.1),
 * and the root (a lone zero byte) as <Root>.
 */
export function displayName(name: string): string {
  const bare = name.endsWith('.') ? name.slice(0, -1) : name;
  return bare === '' ? '<Root>' : bare;
}
