import { readName } from './name';
import { CLASS_IN, DNS_HEADER_BYTES, TYPE_A, typeName } from './records';

export interface DnsMessage {
  id: number;
  /** QR bit: false for a query. */
  response: boolean;
  /** 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN… (RFC 1035 §4.1.1). */
  rcode: number;
  questions: { name: string; type: string }[];
  answers: { name: string; type: string; ttlS: number; address?: string }[];
}

/** A cursor that throws, naming what it was reading, when the message ends too soon. */
class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
  ) {}

  need(n: number, what: string): void {
    if (this.pos + n > this.bytes.length) {
      throw new Error(`DNS: message truncated: ${what} needs ${n} bytes at byte ${this.pos}, only ${this.bytes.length - this.pos} left`);
    }
  }

  u16(what: string): number {
    this.need(2, what);
    const v = (this.bytes[this.pos] << 8) | this.bytes[this.pos + 1];
    this.pos += 2;
    return v;
  }

  u32(what: string): number {
    const hi = this.u16(what);
    return hi * 0x10000 + this.u16(what);
  }

  name(): string {
    const { name, end } = readName(this.bytes, this.pos);
    this.pos = end;
    return name;
  }
}

interface ResourceRecord {
  name: string;
  type: number;
  class: number;
  ttlS: number;
  data: Uint8Array;
}

/** A resource record (RFC 1035 §4.1.3). */
function readRecord(r: Reader, section: string, index: number): ResourceRecord {
  const where = `${section} record ${index + 1}`;
  const name = r.name();
  const type = r.u16(`${where} type`);
  const cls = r.u16(`${where} class`);
  const ttl = r.u32(`${where} TTL`);
  const length = r.u16(`${where} data length`);
  r.need(length, `${where} data`);
  const data = r.bytes.subarray(r.pos, r.pos + length);
  r.pos += length;
  // RFC 2181 §8: a TTL with the top bit set is treated as zero.
  return { name, type, class: cls, ttlS: ttl > 0x7fffffff ? 0 : ttl, data };
}

/**
 * Parses a whole DNS message as it arrives in one UDP datagram, following name
 * compression. Throws on anything truncated, malformed, or followed by extra bytes.
 */
export function parseDnsMessage(bytes: Uint8Array): DnsMessage {
  if (bytes.length < DNS_HEADER_BYTES) throw new Error(`DNS: message is ${bytes.length} bytes, shorter than the ${DNS_HEADER_BYTES}-byte header`);
  const r = new Reader(bytes, 0);
  const id = r.u16('ID');
  const flags = r.u16('flags');
  const [qd, an, ns, ar] = [r.u16('QDCOUNT'), r.u16('ANCOUNT'), r.u16('NSCOUNT'), r.u16('ARCOUNT')];
  const questions: DnsMessage['questions'] = [];
  for (let i = 0; i < qd; i++) {
    const name = r.name();
    const type = r.u16(`question ${i + 1} type`);
    r.u16(`question ${i + 1} class`);
    questions.push({ name, type: typeName(type) });
  }
  const answers: DnsMessage['answers'] = [];
  for (let i = 0; i < an; i++) {
    const rec = readRecord(r, 'answer', i);
    const answer: DnsMessage['answers'][number] = { name: rec.name, type: typeName(rec.type), ttlS: rec.ttlS };
    if (rec.type === TYPE_A && rec.class === CLASS_IN) {
      if (rec.data.length !== 4) throw new Error(`DNS: answer record ${i + 1} is an A record with ${rec.data.length} data bytes, not 4`);
      answer.address = Array.from(rec.data).join('.');
    }
    answers.push(answer);
  }
  // Authority and additional records (an EDNS OPT, say) are checked for shape, then set aside.
  for (let i = 0; i < ns; i++) readRecord(r, 'authority', i);
  for (let i = 0; i < ar; i++) readRecord(r, 'additional', i);
  if (r.pos !== bytes.length) throw new Error(`DNS: ${bytes.length - r.pos} unexpected bytes after the last record (byte ${r.pos})`);
  return { id, response: (flags & 0x8000) !== 0, rcode: flags & 0x000f, questions, answers };
}
