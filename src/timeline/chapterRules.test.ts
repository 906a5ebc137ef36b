import { describe, expect, it } from 'vitest';
import { rfc8448 } from '../sim/tls/rfc8448.fixture';
import type { NodeId, Packet, Phase } from '../sim/types';
import { chaptersOf } from './chapters';
import type { Flight } from './plan';
import { segment, traceBuilder } from './traceBuilder';

/**
 * chaptersOf on hand-built connections, each chapter written out from the rules: a chapter starts as
 * a connection's first packet of a phase leaves (the first chapter at 0) and ends where the next
 * starts (the last at the end); a connection only moves forward; connections open at the same time
 * share chapters titled for all of them, numbered as tcp.stream; the TLS version is the ServerHello's;
 * a request leaving before the ServerHello rode in 0-RTT (RFC 8446 §2.3).
 */
type Row = [from: NodeId, phase: Phase, stream: number, startS: number, extra?: Partial<Packet>];
const TLS13 = segment(1, rfc8448.serverHelloRecord);
const TLS12 = segment(1, `160303002a020000260303${'11'.repeat(32)}00c02f00`);
const UDP = { udp: { srcPort: 50_000, dstPort: 53, payloadLength: 32 } as Packet['udp'] };

function chapters(rows: Row[], endS = 20, undrawn: number[] = []) {
  const b = traceBuilder({ resolver: true });
  for (const [from, phase, stream, , extra] of rows) {
    const to: NodeId = extra?.udp ? (from === 'client' ? 'resolver' : 'client') : from === 'client' ? 'server' : 'client';
    b.packet(from, to, phase, 0, 20_000, { ...extra, phase, stream });
  }
  const { packets } = b.build();
  const flights = rows
    .map(([, , , startS], packetId) => ({ packetId, startS, endS: startS + 1.2 }) as Flight)
    .filter((f) => !undrawn.includes(f.packetId))
    .sort((x, y) => x.startS - y.startS);
  return chaptersOf(flights, packets, endS);
}
const brief = (c: ReturnType<typeof chaptersOf>) => c.map((x) => [x.title, x.startS, x.endS]);

describe('chaptersOf', () => {
  it('one connection after another: each its own chapters, numbered, its own TLS version; a late ticket or ACK reopens nothing', () => {
    const got = chapters([
      ['client', 'tcp', 0, 1],
      ['server', 'tcp', 0, 2],
      ['client', 'tls', 0, 3],
      ['server', 'tls', 0, 4, TLS13],
      ['client', 'http', 0, 5],
      ['server', 'tls', 0, 6], // NewSessionTicket after the request
      ['client', 'close', 0, 7],
      ['server', 'tcp', 0, 8], // an ACK during the close
      ['client', 'tcp', 1, 10],
      ['server', 'tls', 1, 11, TLS12],
      ['client', 'http', 1, 12],
      ['client', 'close', 1, 13],
    ]);
    expect(got).toEqual([
      { id: 'tcp', title: 'TCP handshake · connection #0', shortTitle: 'TCP handshake', connections: [0], startS: 0, endS: 3 },
      { id: 'tls', title: 'TLS 1.3 handshake · connection #0', shortTitle: 'TLS 1.3 handshake', connections: [0], startS: 3, endS: 5 },
      { id: 'http', title: 'HTTP request · connection #0', shortTitle: 'HTTP request', connections: [0], startS: 5, endS: 7 },
      { id: 'close', title: 'Connection close · connection #0', shortTitle: 'Connection close', connections: [0], startS: 7, endS: 10 },
      { id: 'tcp', title: 'TCP handshake · connection #1', shortTitle: 'TCP handshake', connections: [1], startS: 10, endS: 11 },
      { id: 'tls', title: 'TLS 1.2 handshake · connection #1', shortTitle: 'TLS 1.2 handshake', connections: [1], startS: 11, endS: 12 },
      { id: 'http', title: 'HTTP request · connection #1', shortTitle: 'HTTP request', connections: [1], startS: 12, endS: 13 },
      { id: 'close', title: 'Connection close · connection #1', shortTitle: 'Connection close', connections: [1], startS: 13, endS: 20 },
    ]);
  });

  it('a connection that opens while another is still open shares its chapters; one that opens once the other closes does not', () => {
    const rows = (secondAt: number): Row[] => [
      ['client', 'tcp', 0, 1],
      ['client', 'http', 0, 3],
      ['client', 'close', 0, 5],
      ['client', 'tcp', 1, secondAt],
      ['client', 'close', 1, 9],
    ];
    expect(brief(chapters(rows(2.9)))).toEqual([
      ['TCP handshakes · connections #0–1', 0, 3],
      ['HTTP requests · connections #0–1', 3, 5],
      ['Connection close · connections #0–1', 5, 20],
    ]);
    // From its last packet before the close (3 s) on, the first connection is closing: the next is a new wave.
    expect(brief(chapters(rows(3)))).toEqual([
      ['TCP handshake · connection #0', 0, 3],
      ['HTTP request · connection #0', 3, 3],
      ['TCP handshake · connection #1', 3, 5],
      ['Connection close · connection #0', 5, 9],
      ['Connection close · connection #1', 9, 20],
    ]);
  });

  it('parallel connections and lookups: one chapter per phase for all, connections as runs (#0–2, 4), lookups plural', () => {
    const rows: Row[] = [
      ['client', 'dns', 7, 0.3, UDP],
      ['client', 'dns', 8, 0.4, UDP],
      ['resolver', 'dns', 7, 0.5, UDP],
    ];
    for (const [i, stream] of [0, 1, 2, 4].entries()) {
      rows.push(['client', 'tcp', stream, 2 + i / 10], ['client', 'tls', stream, 4 + i / 10], ['client', 'http', stream, 6 + i / 10], ['client', 'close', stream, 8 + i / 10]);
    }
    expect(chapters(rows)).toEqual([
      { id: 'dns', title: 'DNS lookups', startS: 0, endS: 2 },
      { id: 'tcp', title: 'TCP handshakes · connections #0–2, 4', shortTitle: 'TCP handshakes', connections: [0, 1, 2, 4], startS: 2, endS: 4 },
      { id: 'tls', title: 'TLS handshakes · connections #0–2, 4', shortTitle: 'TLS handshakes', connections: [0, 1, 2, 4], startS: 4, endS: 6 },
      { id: 'http', title: 'HTTP requests · connections #0–2, 4', shortTitle: 'HTTP requests', connections: [0, 1, 2, 4], startS: 6, endS: 8 },
      { id: 'close', title: 'Connection close · connections #0–2, 4', shortTitle: 'Connection close', connections: [0, 1, 2, 4], startS: 8, endS: 20 },
    ]);
  });

  it('one lookup and one connection: the plain titles (UDP and TCP streams are numbered apart: both are 0 here)', () => {
    expect(brief(chapters([
      ['client', 'dns', 0, 0.6, UDP],
      ['resolver', 'dns', 0, 1.8, UDP],
      ['client', 'tcp', 0, 3],
      ['server', 'tls', 0, 4, TLS12],
    ]))).toEqual([
      ['DNS lookup', 0, 3],
      ['TCP handshake', 3, 4],
      ['TLS 1.2 handshake', 4, 20],
    ]);
    expect(chapters([], 5)).toEqual([]);
  });

  it('a wave lasts while any of its connections is open: a third that opens after the second has closed but while the first is open joins', () => {
    expect(brief(chapters([
      ['client', 'tcp', 0, 1],
      ['client', 'tcp', 1, 2],
      ['client', 'close', 1, 3],
      ['client', 'tcp', 2, 5],
      ['client', 'http', 0, 9],
      ['client', 'close', 0, 10],
    ]))).toEqual([
      // The wave's story only moves forward: the second's close (3 s) is the wave's; the first's request is not a new chapter.
      ['TCP handshakes · connections #0–2', 0, 3],
      ['Connection close · connections #0–2', 3, 20],
    ]);
  });

  it('a lookup during a connection: in its wave, but the lookup chapter is not numbered, and only connections are', () => {
    expect(chapters([
      ['client', 'dns', 5, 0.5, UDP],
      ['client', 'tcp', 0, 1],
      ['client', 'tcp', 1, 1.2],
      ['resolver', 'dns', 5, 1.5, UDP],
      ['client', 'http', 0, 3],
    ]).map((c) => [c.title, c.connections])).toEqual([
      ['DNS lookup', undefined],
      ['TCP handshakes · connections #0–1', [0, 1]],
      ['HTTP requests · connections #0–1', [0, 1]],
    ]);
  });

  it('connections in a wave by number, whichever opened first; phases by time, whichever connection entered first', () => {
    expect(chapters([
      ['client', 'tcp', 1, 1],
      ['client', 'tcp', 0, 1.5],
      ['client', 'http', 1, 5],
      ['client', 'tls', 0, 2],
    ]).map((c) => [c.shortTitle, c.startS, c.connections])).toEqual([
      ['TCP handshakes', 0, [0, 1]],
      ['TLS handshakes', 2, [0, 1]],
      ['HTTP requests', 5, [0, 1]],
    ]);
  });

  it('the TLS version of one connection is read even when another connection has no TLS at all', () => {
    expect(brief(chapters([
      ['client', 'tcp', 0, 1],
      ['client', 'http', 0, 2],
      ['client', 'close', 0, 3],
      ['client', 'tcp', 1, 5],
      ['server', 'tls', 1, 6, { ...TLS12, stream: 1 }],
    ])).map((c) => c[0])).toEqual(['TCP handshake · connection #0', 'HTTP request · connection #0', 'Connection close · connection #0', 'TCP handshake · connection #1', 'TLS 1.2 handshake · connection #1']);
  });

  it('the TLS version of a wave: the one all its connections agreed, else plain TLS', () => {
    const wave = (a: Partial<Packet>, b: Partial<Packet>) =>
      chapters([
        ['client', 'tcp', 0, 1],
        ['client', 'tcp', 1, 1.5],
        ['server', 'tls', 0, 2, { ...a, stream: 0 }],
        ['server', 'tls', 1, 2.5, { ...b, stream: 1 }],
      ])[1].shortTitle;
    expect(wave(TLS13, TLS13)).toBe('TLS 1.3 handshakes');
    expect(wave(TLS13, TLS12)).toBe('TLS handshakes');
    expect(wave(TLS13, {})).toBe('TLS handshakes');
  });

  it('a request that leaves before its connection’s ServerHello is 0-RTT; in a wave, only if every connection’s is', () => {
    const zeroRtt: Row[] = [
      ['client', 'tcp', 0, 1],
      ['client', 'tls', 0, 3],
      ['client', 'http', 0, 3.5], // early data, beside the ClientHello
      ['server', 'tls', 0, 4, TLS13],
      ['server', 'http', 0, 5],
    ];
    expect(brief(chapters(zeroRtt))).toEqual([
      ['TCP handshake', 0, 3],
      ['TLS 1.3 handshake', 3, 3.5],
      ['HTTP request (0-RTT)', 3.5, 20],
    ]);
    // The same request once the ServerHello has left: an ordinary request.
    expect(chapters(zeroRtt.map((r) => (r[1] === 'http' && r[0] === 'client' ? ['client', 'http', 0, 4] : r))).at(-1)!.title).toBe('HTTP request');
    // A ServerHello that is not drawn (no flight) has no departure to be early against.
    expect(chapters(zeroRtt, 20, [3]).at(-1)!.title).toBe('HTTP request');
    // No ServerHello in the trace: nothing says it was early.
    expect(chapters(zeroRtt.map((r) => (r[4] ? ['server', 'tls', 0, 4] : r))).at(-1)!.title).toBe('HTTP request');
    const two: Row[] = [...zeroRtt, ['client', 'tcp', 1, 1.2], ['client', 'http', 1, 6], ['server', 'tls', 1, 5.5, { ...TLS13, stream: 1 }]];
    expect(chapters(two).find((c) => c.id === 'http')!.shortTitle).toBe('HTTP requests');
  });
});
