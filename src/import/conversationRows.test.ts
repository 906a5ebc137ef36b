import { describe, expect, it } from 'vitest';
import type { CapturedFrame } from './capture';
import { type Conversation, conversations, MAX_PICKED, parseStreamList, STREAM_LIST_HELP, streamListName, streamName, udpStreams } from './conversations';
import type { DecodedFrame } from './decode';
import { placeHosts } from './hosts';
import type { TcpStream } from './tcpStreams';

// Conversations as Wireshark's Statistics › Conversations counts them (packets and frame bytes
// each way, start and duration; side A is the side that spoke first), UDP streams numbered as
// tshark's udp.stream (one per address/port pair, in order of first frame), and the hosts the
// canvas draws for picked conversations (hosts.ts: one host talking to at most two others).

const udp = (i: number, src: string, srcPort: number, dst: string, dstPort: number, length = 60, timeUs = i * 1000): DecodedFrame => ({
  frame: { number: i + 1, interfaceId: 0, linkType: 101, timeUs, originalLength: length, data: new Uint8Array(), comments: [], fileOffset: 0 } as CapturedFrame,
  linkSummary: 'raw IP',
  ipBytes: new Uint8Array(),
  ip: { version: 4, src, dst, protocol: 17, headerLength: 20, totalLength: length, ttl: 64, fragment: false },
  udp: { srcPort, dstPort, length: 8, payload: new Uint8Array() },
});

describe('UDP streams and conversation rows', () => {
  it('one stream per address/port pair whichever way it goes, numbered in order of first frame', () => {
    const frames = [
      udp(0, '10.0.0.2', 5353, '10.0.0.1', 53),
      udp(1, '10.0.0.1', 53, '10.0.0.2', 5353),
      udp(2, '10.0.0.2', 5354, '10.0.0.1', 53),
      { ...udp(3, '10.0.0.2', 1, '10.0.0.1', 1), udp: undefined },
      udp(4, '10.0.0.1', 53, '10.0.0.2', 5354),
      udp(5, '10.0.0.2', 5353, '10.0.0.9', 53),
      // the same ports between other addresses is another stream
      udp(6, '10.0.0.1', 5353, '10.0.0.2', 53),
    ];
    expect(udpStreams(frames)).toEqual([{ stream: 0, frames: [0, 1] }, { stream: 1, frames: [2, 4] }, { stream: 2, frames: [5] }, { stream: 3, frames: [6] }]);
  });

  it('a row counts packets and frame bytes in all and from A to B, start and duration', () => {
    const frames = [udp(0, '10.0.0.2', 5353, '10.0.0.1', 53, 70, 5_000), udp(1, '10.0.0.1', 53, '10.0.0.2', 5353, 120, 7_500), udp(2, '10.0.0.2', 5353, '10.0.0.1', 53, 71, 9_000)];
    const [row] = conversations(frames, []);
    expect(row).toEqual({ id: 'udp 0', protocol: 'udp', stream: 0, a: { ip: '10.0.0.2', port: 5353 }, b: { ip: '10.0.0.1', port: 53 }, packets: 3, bytes: 261, packetsAtoB: 2, bytesAtoB: 141, startUs: 5_000, durationUs: 4_000, frames: [0, 1, 2] });
  });

  it('on loopback both sides have one address: A to B is told by the port', () => {
    const frames = [udp(0, '127.0.0.1', 5353, '127.0.0.1', 53, 70), udp(1, '127.0.0.1', 53, '127.0.0.1', 5353, 120), udp(2, '127.0.0.1', 5353, '127.0.0.1', 53, 71)];
    const [row] = conversations(frames, []);
    expect([row.packets, row.packetsAtoB, row.bytesAtoB]).toEqual([3, 2, 141]);
  });

  it('both ends on one port (NTP symmetric mode, 123 to 123): A to B is told by the address', () => {
    const frames = [udp(0, '192.0.2.1', 123, '192.0.2.2', 123, 90), udp(1, '192.0.2.2', 123, '192.0.2.1', 123, 91), udp(2, '192.0.2.2', 123, '192.0.2.1', 123, 92)];
    const [row] = conversations(frames, []);
    expect([row.a, row.b, row.packets, row.packetsAtoB, row.bytesAtoB]).toEqual([{ ip: '192.0.2.1', port: 123 }, { ip: '192.0.2.2', port: 123 }, 3, 1, 90]);
  });

  it('TCP rows come first, in stream order, then UDP; the same port on another address is not side A', () => {
    const tcpFrame = (i: number, src: string, srcPort: number, dst: string, dstPort: number): DecodedFrame => {
      const f = udp(i, src, srcPort, dst, dstPort);
      return { ...f, udp: undefined, tcp: { srcPort, dstPort, seq: 0, ack: 0, flags: { syn: false, ack: true, fin: false, rst: false, psh: false, urg: false, ece: false, cwr: false }, window: 0, headerLength: 20, payload: new Uint8Array() } };
    };
    const frames = [tcpFrame(0, '10.0.0.2', 40000, '10.0.0.1', 80), udp(1, '10.0.0.2', 9, '10.0.0.1', 9), tcpFrame(2, '10.0.0.1', 80, '10.0.0.2', 40000), tcpFrame(3, '10.0.0.3', 40000, '10.0.0.1', 80)];
    const streams = [{ index: 0, frames: [0, 2] }, { index: 1, frames: [3] }] as unknown as TcpStream[];
    const rows = conversations(frames, streams);
    expect(rows.map((r) => [r.id, r.packets, r.packetsAtoB, r.a.port, r.b.port])).toEqual([['tcp 0', 2, 1, 40000, 80], ['tcp 1', 1, 1, 40000, 80], ['udp 0', 1, 1, 9, 9]]);
  });
});

describe('stream lists (links and --stream)', () => {
  it('reads numbers as tcp.stream and keeps "udp N" and "tcp N"; duplicates once, in the order given', () => {
    expect(parseStreamList('0')).toEqual(['tcp 0']);
    expect(parseStreamList(' 2 , udp 0,tcp 1, 2')).toEqual(['tcp 2', 'udp 0', 'tcp 1']);
    expect(parseStreamList('123456789')).toEqual(['tcp 123456789']);
    expect(parseStreamList('udp 12,tcp 123456789')).toEqual(['udp 12', 'tcp 123456789']);
  });

  it('refuses what is not such a list: empty names, signs, words, ten digits, more than 16 names', () => {
    for (const bad of ['', ',', '0,', '-1', '+1', '1.5', 'udp', 'udp  1', 'UDP 1', 'sctp 0', 'tcp 1 x', 'x tcp 1', '1234567890', 'udp 1234567890', '0x1', ' udp 1 a']) expect(parseStreamList(bad), bad).toBeUndefined();
    const many = Array.from({ length: MAX_PICKED }, (_, i) => String(i));
    expect(parseStreamList(many.join(','))).toHaveLength(16);
    expect(parseStreamList([...many, '16'].join(','))).toBeUndefined();
    expect(MAX_PICKED).toBe(16);
  });

  it('the usage sentence (CLI and link errors) shows lists that are read, and names tcp.stream', () => {
    expect(STREAM_LIST_HELP).toMatch(/tcp\.stream/);
    const examples = [...STREAM_LIST_HELP.matchAll(/such as ([^;]+?)(?:;|$)/g)].map((m) => m[1].replace(/"/g, '').replace(/, or /, ','));
    expect(examples).toEqual(['0,udp 0', '0,1,udp 0']);
    for (const e of examples) expect(parseStreamList(e), e).toBeDefined();
  });

  it('names a TCP conversation by its number and a UDP one by its id', () => {
    expect(streamName({ protocol: 'tcp', stream: 3, id: 'tcp 3' })).toBe('3');
    expect(streamName({ protocol: 'udp', stream: 0, id: 'udp 0' })).toBe('udp 0');
    expect(streamListName([{ protocol: 'tcp', stream: 0, id: 'tcp 0' }, { protocol: 'udp', stream: 1, id: 'udp 1' }])).toBe('0,udp 1');
  });
});

const conv = (id: string, a: [string, number], b: [string, number], startUs: number, firstFrame = startUs): Conversation => ({
  id, protocol: id.startsWith('udp') ? 'udp' : 'tcp', stream: Number(id.split(' ')[1]), a: { ip: a[0], port: a[1] }, b: { ip: b[0], port: b[1] }, packets: 1, bytes: 1, packetsAtoB: 1, bytesAtoB: 1, startUs, durationUs: 0, frames: [firstFrame],
});
const isUdp = (c: Conversation) => c.protocol === 'udp';

describe('hosts on the canvas', () => {
  it('one web conversation: client on the left, server on the right', () => {
    const r = placeHosts([conv('tcp 0', ['127.0.0.1', 40000], ['127.0.0.1', 8443], 0)], isUdp);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.sides.get('tcp 0')).toEqual({ a: 'client', b: 'server' });
    expect(r.value.endpoints).toEqual({ client: { id: 'client', name: 'client', ip: '127.0.0.1', port: 40000 }, server: { id: 'server', name: 'server', ip: '127.0.0.1', port: 8443 } });
  });

  it('a lone DNS conversation puts its answering host in the resolver’s place', () => {
    const r = placeHosts([conv('udp 0', ['10.0.0.2', 5353], ['10.0.0.1', 53], 0)], isUdp);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.sides.get('udp 0')).toEqual({ a: 'client', b: 'resolver' });
    expect(r.value.endpoints.resolver).toEqual({ id: 'resolver', name: 'resolver', ip: '10.0.0.1', port: 53 });
    expect(r.value.endpoints.server).toBeUndefined();
  });

  it('DNS then two connections to one web server: client, resolver in the middle, server on the right, picked in any order', () => {
    const dns = conv('udp 0', ['127.0.0.1', 5353], ['127.0.0.1', 53], 10);
    const web1 = conv('tcp 0', ['127.0.0.1', 40000], ['127.0.0.1', 8000], 20);
    const web2 = conv('tcp 1', ['127.0.0.1', 40002], ['127.0.0.1', 8000], 30);
    const r = placeHosts([web2, dns, web1], isUdp);
    if (!r.ok) throw new Error(r.error);
    expect([...r.value.sides]).toEqual([['udp 0', { a: 'client', b: 'resolver' }], ['tcp 0', { a: 'client', b: 'server' }], ['tcp 1', { a: 'client', b: 'server' }]]);
    expect(r.value.endpoints).toEqual({ client: { id: 'client', name: 'client', ip: '127.0.0.1', port: 5353 }, resolver: { id: 'resolver', name: 'resolver', ip: '127.0.0.1', port: 53 }, server: { id: 'server', name: 'server', ip: '127.0.0.1', port: 8000 } });
  });

  it('two web servers: the first is in the middle place, named a server (it does not answer DNS)', () => {
    const r = placeHosts([conv('tcp 0', ['10.0.0.2', 1], ['10.0.0.1', 443], 0), conv('tcp 1', ['10.0.0.2', 2], ['10.0.0.3', 443], 5)], isUdp);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.endpoints.resolver).toEqual({ id: 'resolver', name: 'server', ip: '10.0.0.1', port: 443 });
    expect(r.value.endpoints.server).toEqual({ id: 'server', name: 'server', ip: '10.0.0.3', port: 443 });
  });

  it('one peer answering DNS over UDP and over TCP on the same port is a server, not the resolver', () => {
    const r = placeHosts([conv('udp 0', ['10.0.0.2', 5353], ['10.0.0.1', 53], 0), conv('tcp 0', ['10.0.0.2', 40000], ['10.0.0.1', 53], 5)], isUdp);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.sides.get('tcp 0')).toEqual({ a: 'client', b: 'server' });
    expect(r.value.endpoints.server).toEqual({ id: 'server', name: 'server', ip: '10.0.0.1', port: 53 });
  });

  it('equal start times are ordered by first frame', () => {
    const r = placeHosts([conv('tcp 1', ['10.0.0.2', 2], ['10.0.0.3', 443], 0, 7), conv('tcp 0', ['10.0.0.2', 1], ['10.0.0.1', 443], 0, 3)], isUdp);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.endpoints.resolver?.ip).toBe('10.0.0.1');
    expect(r.value.endpoints.server?.ip).toBe('10.0.0.3');
  });

  it('refuses a conversation the first host takes no part in, and a fourth host, saying which and what to pick', () => {
    const apart = placeHosts([conv('tcp 0', ['10.0.0.2', 1], ['10.0.0.1', 443], 0), conv('tcp 1', ['10.0.0.5', 2], ['10.0.0.6', 80], 5)], isUdp);
    expect(apart.ok ? '' : apart.error).toBe('tcp 1 is between 10.0.0.5 and 10.0.0.6:80, neither of them 10.0.0.2: the canvas shows one host talking to others, so pick conversations that 10.0.0.2 takes part in');
    const four = placeHosts([conv('tcp 0', ['10.0.0.2', 1], ['10.0.0.1', 443], 0), conv('tcp 1', ['10.0.0.2', 2], ['10.0.0.3', 443], 1), conv('tcp 2', ['10.0.0.2', 3], ['10.0.0.4', 443], 2)], isUdp);
    expect(four.ok ? '' : four.error).toBe('these 3 conversations have 4 hosts (10.0.0.2, 10.0.0.1:443, 10.0.0.3:443, 10.0.0.4:443); the canvas shows at most three: pick conversations with at most two peers of 10.0.0.2');
  });
});
