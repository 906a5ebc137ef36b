import { hex16 } from '../bytes/hex';
import { ipv4Bytes } from '../bytes/ipv4';
import { ByteWriter } from '../bytes/writer';
import type { Layer } from '../types';
import { writeName } from './name';
import { CLASS_IN, displayName, QUESTION_NAME_OFFSET, RCODE_NOERROR, TYPE_A } from './records';

export { parseDnsMessage, type DnsMessage } from './parse';

export interface DnsQuery {
  /** Transaction ID, chosen by the client. */
  id: number;
  name: string;
  type: 'A';
}

export interface DnsResponse {
  /** The ID of the query this answers. */
  id: number;
  name: string;
  /** The IPv4 address of the single A record. */
  address: string;
  ttlS: number;
}

// RFC 1035 §4.1.1 flag bits, split in the two header bytes they live in.
const QR = 0x80;
const RD = 0x01;
const RA = 0x80;

function checkId(id: number): void {
  if (!Number.isInteger(id) || id < 0 || id > 0xffff) throw new Error(`DNS: transaction ID ${id} is not a 16-bit number`);
}

function writeHeader(w: ByteWriter, id: number, response: boolean, answers: number): void {
  const first = (response ? QR : 0) | RD;
  const second = response ? RA | RCODE_NOERROR : 0;
  w.u16('transaction ID', id, hex16(id), response ? 'copied from the query, so the client can match the answer to it' : 'a number the client picks; the answer must carry the same one')
    .group(
      'flags',
      (f) => {
        f.u8('QR, opcode, AA, TC, RD', first, `0x${first.toString(16).padStart(2, '0')}`,
          response ? 'QR=1: a response; opcode 0: standard query; RD copied from the query' : 'QR=0: a query; opcode 0: standard query; RD=1: please do the whole lookup for me');
        f.u8('RA, Z, RCODE', second, `0x${second.toString(16).padStart(2, '0')}`,
          response ? 'RA=1: this server does recursion; RCODE 0: no error' : 'answer-only bits, all zero in a query');
      },
      `${hex16((first << 8) | second)} ${response ? 'Standard query response, No error' : 'Standard query'}`,
    )
    .u16('questions', 1, '1', 'how many questions follow the header')
    .u16('answer RRs', answers, String(answers), answers ? 'how many answer records follow the question' : 'a query carries no answers')
    .u16('authority RRs', 0, '0', 'no records naming the zone’s servers')
    .u16('additional RRs', 0, '0', 'no extra records (no EDNS OPT record either)');
}

function writeQuestion(w: ByteWriter, name: string): void {
  w.group(
    'queries',
    (q) =>
      q.group(
        'question',
        (x) => {
          writeName(x, name);
          x.u16('type', TYPE_A, 'A (1)', 'an IPv4 address is wanted');
          x.u16('class', CLASS_IN, 'IN (1)', 'the Internet class, the only one in use');
        },
        `${displayName(name)}: type A, class IN`,
      ),
    '1 question',
  );
}

/** A recursive query for one name (RFC 1035 §4.1), as a stub resolver sends it. */
export function encodeDnsQuery(q: DnsQuery): { bytes: Uint8Array; layer: Layer } {
  checkId(q.id);
  const w = new ByteWriter();
  writeHeader(w, q.id, false, 0);
  writeQuestion(w, q.name);
  const { bytes, fields } = w.finish();
  return { bytes, layer: { name: 'DNS', summary: `Standard query ${hex16(q.id)} A ${displayName(q.name)}`, fields } };
}

/** The answer to `encodeDnsQuery`: the question repeated, then one A record. */
export function encodeDnsResponse(r: DnsResponse): { bytes: Uint8Array; layer: Layer } {
  if (!Number.isInteger(r.ttlS) || r.ttlS < 0 || r.ttlS > 0x7fffffff) throw new Error(`DNS: TTL ${r.ttlS} s is not in 0..2^31-1 (RFC 2181 §8)`);
  checkId(r.id);
  if (!/^(\d{1,3})(\.\d{1,3}){3}$/.test(r.address) || r.address.split('.').some((o) => Number(o) > 255)) {
    throw new Error(`DNS: "${r.address}" is not an IPv4 address`);
  }
  const w = new ByteWriter();
  writeHeader(w, r.id, true, 1);
  writeQuestion(w, r.name);
  w.group(
    'answers',
    (a) =>
      a.group(
        'answer',
        (x) =>
          x
            .u16('name', 0xc000 | QUESTION_NAME_OFFSET, `${displayName(r.name)} (pointer ${hex16(0xc000 | QUESTION_NAME_OFFSET)})`,
              'compression: top bits 11 mean "the name is at byte 12", in the question (RFC 1035 §4.1.4)')
            .u16('type', TYPE_A, 'A (1)', 'an IPv4 address')
            .u16('class', CLASS_IN, 'IN (1)', 'the Internet class')
            .u32('TTL', r.ttlS, `${r.ttlS} s`, 'how long the client may cache this answer')
            .u16('data length', 4, '4 bytes', 'an IPv4 address is 4 bytes')
            .bytes('address', ipv4Bytes(r.address), r.address, 'the answer: where the name lives'),
        `${displayName(r.name)}: type A, class IN, addr ${r.address}`,
      ),
    '1 answer',
  );
  const { bytes, fields } = w.finish();
  return {
    bytes,
    layer: { name: 'DNS', summary: `Standard query response ${hex16(r.id)} A ${displayName(r.name)} A ${r.address}`, fields },
  };
}
