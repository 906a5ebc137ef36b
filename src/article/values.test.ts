import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturedPackets, writePcapng } from '../export/pcapng';
import { findScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';
import { checkAnswer } from './checkAnswer';
import { computeValue, layerSpans, ValueError } from './values';
import { findPacket } from './moments';

const sim = (id: string) => simulate(findScenario(id)!);
const hasTshark = spawnSync('tshark', ['--version']).status === 0;

/** tshark's raw (absolute) TCP numbers and lengths for every captured packet: the oracle. */
function tsharkRows(id: string) {
  const s = sim(id);
  const file = join(mkdtempSync(join(tmpdir(), 'article-values-')), `${id}.pcapng`);
  writeFileSync(file, writePcapng(s));
  const out = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'tcp.seq_raw', '-e', 'tcp.ack_raw', '-e', 'tcp.len', '-e', 'ip.len', '-e', 'tcp.window_size', '-e', 'frame.time_relative'], { encoding: 'utf8' });
  const rows = out.trimEnd().split('\n').map((l) => l.split('\t'));
  const seen = capturedPackets(s);
  return { s, row: (selector: string) => rows[seen.findIndex((p) => p.id === findPacket(s, selector).id)] };
}

describe('computed values', () => {
  it.skipIf(!hasTshark).each(['https', 'https-random-isn'])('%s: the handshake numbers equal what tshark reads from the capture', (id) => {
    const { s, row } = tsharkRows(id);
    for (const sel of ['SYN', 'SYN-ACK', 'ACK', 'GET', 'FIN', 'FIN.2', 'ACK.last']) {
      const [seq, ack, len, ipLen, win] = row(sel);
      expect(computeValue(s, `${sel}.seq`).text).toBe(seq);
      if (sel !== 'SYN') expect(computeValue(s, `${sel}.ack`).text).toBe(ack);
      expect(computeValue(s, `${sel}.len`).number).toBe(Number(len));
      expect(computeValue(s, `${sel}.bytes`).number).toBe(Number(ipLen));
      expect(computeValue(s, `${sel}.window`).number).toBe(Number(win));
    }
    // The arithmetic the prose spells out: ack = the peer's ISN + 1.
    expect(Number(row('SYN-ACK')[1])).toBe((Number(row('SYN')[0]) + 1) % 2 ** 32);
    expect(computeValue(s, 'SYN.nextSeq').text).toBe(row('SYN-ACK')[1]);
    // The RTT: the SYN-ACK comes back one round trip after the SYN (plus microseconds of processing).
    const rttMs = (Number(row('SYN-ACK')[5]) - Number(row('SYN')[5])) * 1000;
    expect(computeValue(s, 'rtt').number).toBe(Math.round(rttMs));
  }, 60_000);

  it('gives the random-ISN scenario its real 32-bit ISNs', () => {
    const s = sim('https-random-isn');
    expect(computeValue(s, 'SYN.seq').number).toBeGreaterThan(2 ** 16);
    expect(computeValue(s, 'SYN-ACK.ack').number).toBe((computeValue(s, 'SYN.seq').number! + 1) % 2 ** 32);
  });

  it('counts round trips from the request timing: 1 to connect, 1 for TLS 1.3, 3 to the first byte', () => {
    const s = sim('https');
    expect(computeValue(s, 'rtts.connect').number).toBe(1);
    expect(computeValue(s, 'rtts.tls').number).toBe(1);
    expect(computeValue(s, 'rtts.firstByte').number).toBe(3);
    expect(computeValue(sim('lost-syn'), 'rto.fired')).toEqual({ text: '1 s', number: 1 });
    expect(computeValue(s, 'timeWait').number).toBe(60);
  });

  it.skipIf(!hasTshark)('tls12-vs-tls13: the round trips and times of each version equal what tshark reads from the capture', () => {
    const s = sim('tls12-vs-tls13');
    const file = join(mkdtempSync(join(tmpdir(), 'article-values-')), 'tls12.pcapng');
    writeFileSync(file, writePcapng(s));
    // Per TCP stream: the SYN, the ClientHello, the GET (the first application data the client may send) and the 200.
    const fields = ['tcp.stream', 'frame.time_relative', 'tcp.flags.syn', 'tcp.flags.ack', 'tls.handshake.type', 'http.request.method', 'http.response.code'];
    const rows = execFileSync('tshark', ['-r', file, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8' })
      .replace(/\n$/, '') // (not trimEnd: the last row's empty fields are tabs)
      .split('\n')
      .map((l) => l.split('\t'));
    const time = (stream: string, is: (r: string[]) => boolean) => Number(rows.find((r) => r[0] === stream && is(r))![1]) * 1000;
    const syn = (st: string) => time(st, (r) => r[2] === '1' && r[3] === '0');
    const synAck = (st: string) => time(st, (r) => r[2] === '1' && r[3] === '1');
    const hello = (st: string) => time(st, (r) => r[4].split(',').includes('1'));
    const get = (st: string) => time(st, (r) => r[5] === 'GET');
    const ok = (st: string) => time(st, (r) => r[6] === '200');
    const rtt = synAck('0') - syn('0');
    // Stream 0 is TLS 1.2, stream 1 TLS 1.3 (tshark: the ServerKeyExchange, type 12, is only in stream 0).
    expect(rows.filter((r) => r[4].split(',').includes('12')).map((r) => r[0])).toEqual(['0']);
    for (const [stream, v] of [['0', 'tls12'], ['1', 'tls13']] as const) {
      expect(computeValue(s, `rtts.${v}`).number, v).toBe(Math.round((get(stream) - hello(stream)) / rtt));
      expect(computeValue(s, `rtts.firstByte.${v}`).number, v).toBe(Math.round((ok(stream) - syn(stream)) / rtt));
      expect(computeValue(s, `ms.firstByte.${v}`).text, v).toBe(`${Math.round((ok(stream) - syn(stream)) * 10) / 10} ms`);
    }
    expect([computeValue(s, 'rtts.tls12').number, computeValue(s, 'rtts.tls13').number]).toEqual([2, 1]);
    // The client's own count (the timing panel's) agrees with the measured one.
    expect(s.timing.map((t) => t.phases.find((p) => p.id === 'tls')!.roundTrips)).toEqual([2, 1]);
  }, 60_000);

  it.skipIf(!hasTshark).each([
    ['hello-retry', 'rtts.tls', '0', 2],
    ['resumption-0rtt', 'rtts.firstByte.2', '1', 2],
    ['resumption-0rtt', 'rtts.firstByte', '0', 3],
  ] as const)('%s: %s equals what tshark reads from the capture', (id, name, stream, want) => {
    const s = sim(id);
    const file = join(mkdtempSync(join(tmpdir(), 'article-values-')), `${id}.pcapng`);
    writeFileSync(file, writePcapng(s));
    const rows = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'tcp.stream', '-e', 'frame.time_relative', '-e', 'tcp.flags.syn', '-e', 'tcp.flags.ack', '-e', 'tls.handshake.type', '-e', 'http.request.method', '-e', 'http.response.code'], { encoding: 'utf8' })
      .replace(/\n$/, '')
      .split('\n')
      .map((l) => l.split('\t'));
    const time = (is: (r: string[]) => boolean) => Number(rows.find((r) => r[0] === stream && is(r))![1]) * 1000;
    const rtt = Number(rows[1][1]) * 1000 - Number(rows[0][1]) * 1000; // SYN → SYN-ACK of the first connection
    const from = name.startsWith('rtts.tls') ? time((r) => r[4].split(',')[0] === '1') : time((r) => r[2] === '1' && r[3] === '0');
    const to = name.startsWith('rtts.tls') ? time((r) => r[5] === 'GET') : time((r) => r[6] === '200');
    expect(computeValue(s, name).number).toBe(Math.round((to - from) / rtt));
    expect(computeValue(s, name).number).toBe(want);
  }, 60_000);

  it('names a TLS version no connection of the scenario negotiates', () => {
    expect(() => computeValue(sim('https'), 'rtts.tls12')).toThrow(/no connection in this scenario negotiates TLS 1.2/);
    expect(() => computeValue(sim('tls12-vs-tls13'), 'rtts.tls14')).toThrow(/not a known value/);
    expect(() => computeValue(sim('tls12-vs-tls13'), 'ms.firstByte.3')).toThrow(/this scenario has 2 connections/);
    expect(computeValue(sim('https'), 'ms.firstByte.tls13')).toEqual(computeValue(sim('https'), 'ms.firstByte'));
  });

  it('splits a packet into its layers, adding up to its length', () => {
    const s = sim('https');
    const get = findPacket(s, 'GET');
    const spans = layerSpans(get);
    expect(spans.map((x) => x.name)).toEqual(['IPv4', 'TCP', 'TLS']);
    expect(spans[0]).toEqual({ name: 'IPv4', offset: 0, length: 20 });
    expect(spans.reduce((a, x) => a + x.length, 0)).toBe(get.totalLength);
    expect(computeValue(s, 'GET.plain').number).toBeGreaterThan(0);
  });

  it.each([
    ['NOPE.seq', /no packet is labelled "NOPE"/],
    ['SYN.colour', /unknown field "colour"/],
    ['DNS.seq', /no packet is labelled "DNS"/],
    ['whatever', /not a known value/],
  ])('names the problem with %s', (name, message) => {
    expect(() => computeValue(sim('https'), name)).toThrow(ValueError);
    expect(() => computeValue(sim('https'), name)).toThrow(message);
  });
});

describe('checking an answer', () => {
  it('compares numbers as numbers, with separators and units', () => {
    expect(checkAnswer('101', { text: '101', number: 101 })).toBe('right');
    expect(checkAnswer(' 3,020,238,408 ', { text: '3020238408', number: 3020238408 })).toBe('right');
    expect(checkAnswer('1000 ms', { text: '1 s', number: 1 })).toBe('right');
    expect(checkAnswer('1s', { text: '1 s', number: 1 })).toBe('right');
    expect(checkAnswer('3 round trips', { text: '3', number: 3 })).toBe('right');
    expect(checkAnswer('100', { text: '101', number: 101 })).toBe('wrong');
    expect(checkAnswer('', { text: '101', number: 101 })).toBe('empty');
    expect(checkAnswer('a lot', { text: '101', number: 101 })).toBe('unreadable');
    expect(checkAnswer('time_wait', { text: 'TIME_WAIT' })).toBe('right');
  });
});
