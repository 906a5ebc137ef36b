import { describe, expect, it } from 'vitest';
import type { NodeId, Packet, Phase, SimEvent } from '../sim/types';
import { bannersOf } from './banners';
import { chaptersOf } from './chapters';
import { COMPACT_SHAPE, displayLabel, dropCaption, flightOf, lostTrip, spriteShape } from './flights';
import { chapterAt, describeMoment, flightAt } from './inFlight';
import type { Chapter, Flight, Plan, TimedEvent } from './plan';

/** Banners, chapters, flights and the moment's description from hand-built inputs, each value worked out by hand. */
const packet = (over: Partial<Packet> = {}): Packet =>
  ({ id: 0, from: 'client', to: 'server', label: 'SYN', caption: 'SYN caption', topLayer: 'TCP', totalLength: 60, sendUs: 0, arriveUs: 20_000, layers: [], decrypted: [], phase: 'tcp', ...over }) as Packet;

describe('bannersOf', () => {
  const note = (atS: number, text: string, milestone = true, node: NodeId = 'server'): TimedEvent => ({ atS, event: { kind: 'note', atUs: 0, node, text, ...(milestone && { milestone: 'established' }) } as SimEvent });
  it('one banner per milestone, cut by the next banner or after bannerS; the last stays to the end', () => {
    const ordered = [note(1, 'server  ✓ Connection ESTABLISHED'), note(1.5, 'a plain log line', false), note(2, 'B'), note(10, 'C')];
    expect(bannersOf(ordered, 2.2, 20)).toEqual([
      { text: '✓ Connection ESTABLISHED', startS: 1, endS: 2 },
      { text: 'B', startS: 2, endS: 4.2 },
      { text: 'C', startS: 10, endS: 20 },
    ]);
    expect(bannersOf([note(3, 'only')], 2.2, 9)).toEqual([{ text: 'only', startS: 3, endS: 9 }]);
    expect(bannersOf([], 2.2, 9)).toEqual([]);
  });
  it('drops the node’s name only where it is the first word', () => {
    expect(bannersOf([note(0, 'serverless push'), note(1, 'client  hello', true, 'client'), note(2, 'client hello', true, 'server')], 9, 9).map((b) => b.text)).toEqual(['serverless push', 'hello', 'client hello']);
  });
});

describe('chaptersOf', () => {
  const flight = (packetId: number, startS: number): Flight => ({ packetId, startS, endS: startS + 1.2 }) as Flight;
  it('the first chapter opens the plan; each later one starts as its first packet leaves (not as it lands) and ends where the next begins', () => {
    const phases: Phase[] = ['dns', 'dns', 'tcp', 'tcp', 'tls', 'tcp', 'http', 'close'];
    const packets = phases.map((phase, id) => packet({ id, phase }));
    const flights = [flight(0, 0.6), flight(1, 1.8), flight(2, 3), flight(3, 4.2), flight(4, 5.4), flight(5, 6), flight(6, 7), flight(7, 9)];
    expect(chaptersOf(flights, packets, 12)).toEqual([
      { id: 'dns', title: 'DNS lookup', startS: 0, endS: 3 },
      { id: 'tcp', title: 'TCP handshake', startS: 3, endS: 5.4 },
      { id: 'tls', title: 'TLS handshake', startS: 5.4, endS: 7 }, // no ServerHello here to name the version
      { id: 'http', title: 'HTTP request', startS: 7, endS: 9 },
      { id: 'close', title: 'Connection close', startS: 9, endS: 12 },
    ]);
    expect(chaptersOf([], [], 5)).toEqual([]);
  });
});

describe('flights', () => {
  it('a lost packet dies where the link dropped it, kept between 30 % and 70 % of the trip', () => {
    expect(lostTrip(packet())).toBeUndefined();
    expect(lostTrip(packet({ lost: { atUs: 10_000, reason: 'r' } }))).toBe(0.5);
    expect(lostTrip(packet({ lost: { atUs: 8_000, reason: 'r' } }))).toBeCloseTo(0.4, 12);
    expect(lostTrip(packet({ lost: { atUs: 1_000, reason: 'r' } }))).toBe(0.3);
    expect(lostTrip(packet({ lost: { atUs: 19_000, reason: 'r' } }))).toBe(0.7);
    expect(lostTrip(packet({ arriveUs: 0, lost: { atUs: 0, reason: 'r' } }))).toBe(0.5); // no trip to share: the middle
    // A packet sent at 1 s: the share is of its own trip (1.000 → 1.020 s), not since the start of the trace.
    expect(lostTrip(packet({ sendUs: 1e6, arriveUs: 1_020_000, lost: { atUs: 1_012_000, reason: 'r' } }))).toBeCloseTo(0.6, 12);
  });

  it('a flight lasts flightS, or its share of it when lost; it carries the packet’s names and marks', () => {
    const p = packet({ id: 6, totalLength: 1500, lost: { atUs: 8_000, reason: 'queue full' }, retransmission: 'fast', layers: [{ name: 'IP', summary: '10.0.0.1 → 10.0.0.2' } as Packet['layers'][0]] });
    const f = flightOf(p, 0, 2, 1.2, true);
    expect([f.packetId, f.label, f.caption, f.bytes, f.layer, f.from, f.to, f.lane, f.startS, f.retransmission, f.compact]).toEqual([6, '↻ SYN', 'SYN caption', 1500, 'TCP', 'client', 'server', 0, 2, 'fast', true]);
    expect(f.endS).toBeCloseTo(2 + 0.4 * 1.2, 12);
    expect(f.lost).toEqual({ trip: 0.4, reason: 'queue full' });
    expect(f.card.title).toBe('#7 client → server · 1500 bytes · lost');
    expect(f.card.lines).toEqual(['IP   10.0.0.1 → 10.0.0.2']);
    const plain = flightOf(packet({ label: 'ACK' }), 1, 3, 1.2);
    expect([plain.label, plain.endS, plain.card.title, 'lost' in plain, 'retransmission' in plain, 'compact' in plain]).toEqual(['ACK', 4.2, '#1 client → server · 60 bytes', false, false, false]);
  });

  it('the card lists the decrypted layers after the wire’s', () => {
    const layer = (name: string, summary: string) => ({ name, summary }) as Packet['layers'][0];
    const p = packet({ layers: [layer('TCP', 'a')], decrypted: [{ layers: [layer('TLS', 'b'), layer('HTTP', 'c')] } as Packet['decrypted'][0]] });
    expect(flightOf(p, 0, 0, 1).card.lines).toEqual(['TCP  a', 'TLS  b', 'HTTP c']);
  });

  it('labels, shapes and the drop caption', () => {
    expect([displayLabel(packet()), displayLabel(packet({ retransmission: 'timeout' }))]).toEqual(['SYN', '↻ SYN']);
    expect(spriteShape(packet({ retransmission: 'timeout', totalLength: 80 }))).toEqual({ label: '↻ SYN', bytes: 80 });
    expect(COMPACT_SHAPE).toEqual({ label: '', bytes: 0 });
    expect(dropCaption(packet({ lost: { atUs: 1, reason: 'random loss' } }))).toBe('✕ SYN is lost on the way to the server (random loss): it never arrives.');
    expect(dropCaption(packet())).toBe('✕ SYN is lost on the way to the server (dropped): it never arrives.');
  });
});

describe('the moment (inFlight)', () => {
  const f = (label: string, startS: number, endS: number) => ({ label, startS, endS }) as Flight;
  const chapter = (title: string, startS: number) => ({ title, startS }) as Chapter;
  const plan = {
    flights: [f('A', 1, 2), f('B', 1.5, 2.5), f('C', 4, 5), f('LONG', 6, 16), f('D', 17, 17.25)],
    chapters: [chapter('one', 0.5), chapter('two', 4)],
  } as Plan;

  it('the packet on the link is the latest to have left that has not landed, ends included', () => {
    expect([0, 1, 1.4, 1.5, 2.2, 2.5, 3, 4, 5, 5.1].map((t) => flightAt(plan, t)?.label)).toEqual([undefined, 'A', 'A', 'B', 'B', 'B', undefined, 'C', 'C', undefined]);
    expect([6, 11, 16, 16.5, 17.1].map((t) => flightAt(plan, t)?.label)).toEqual(['LONG', 'LONG', 'LONG', undefined, 'D']);
  });

  it('a packet that died early on another lane does not hide one still in flight (every flight lasts one trip; a lost one dies part-way)', () => {
    // What the scheduler makes: a full flight of 1.2 s, then on the other lane a loss 30 % of the way.
    const lost = { ...f('lost', 0.1, 0.1 + 0.3 * 1.2), lost: { trip: 0.3, reason: 'r' } };
    const crossing = { ...plan, flights: [f('A', 0, 1.2), lost] };
    expect([0.3, 0.5, 1, 1.2, 1.3].map((t) => flightAt(crossing, t)?.label)).toEqual(['lost', 'A', 'A', 'A', undefined]);
    // The same with flights of 2.4 s (a slower time scale)
    const slow = { ...plan, flights: [f('A', 0, 2.4), { ...f('lost', 0.1, 0.1 + 0.3 * 2.4), lost: { trip: 0.3, reason: 'r' } }] };
    expect([0.5, 1.5, 2.4, 2.5].map((t) => flightAt(slow, t)?.label)).toEqual(['lost', 'A', 'A', undefined]);
    // and the scan still stops: a flight left two trips before t means every earlier one has landed
    const later = { ...plan, flights: [f('early', 0, 1.2), f('B', 5, 6.2)] };
    expect([3, 7, 9].map((t) => flightAt(later, t)?.label)).toEqual([undefined, undefined, undefined]);
  });

  it('the chapter is the latest to have started, the first before any has', () => {
    expect([0, 0.5, 3.9, 4, 99].map((t) => chapterAt(plan, t)?.title)).toEqual(['one', 'one', 'one', 'two', 'two']);
    expect(chapterAt({ ...plan, chapters: [] }, 1)).toBeUndefined();
  });

  it('says what flies, else the chapter, else nothing', () => {
    expect([describeMoment(plan, 1.2), describeMoment(plan, 3), describeMoment({ ...plan, chapters: [] }, 3)]).toEqual(['A in flight', 'one', '']);
  });
});
