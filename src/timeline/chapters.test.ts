import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturedPackets, writePcapng } from '../export/pcapng';
import { FIXTURE_DIR, fixture } from '../import/fixtures';
import { openCapture } from '../import/openCapture';
import { captureToTrace } from '../import/toTrace';
import { findScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';
import type { Packet, Simulation } from '../sim/types';
import { chapterAt } from './inFlight';
import type { Plan } from './plan';
import { schedule } from './schedule';

/**
 * Chapters against Wireshark's reading of the same packets: tshark says which TCP stream each
 * packet is in, which TLS version its ServerHello agreed, where each stream's ClientHello,
 * first request and close (close_notify or FIN) are. The chapters must follow that, not the
 * trace's own phase tags alone.
 */
const hasTshark = spawnSync('tshark', ['--version']).status === 0;
const FIELDS = ['frame.number', 'tcp.stream', 'tcp.flags.syn', 'tcp.flags.ack', 'tcp.flags.fin', 'tls.handshake.type', 'tls.handshake.version', 'tls.handshake.extensions.supported_version', 'http.request.method', 'tls.alert_message.desc'] as const;
type Row = Record<(typeof FIELDS)[number], string>;

function tshark(file: string, keyLog?: string): Row[] {
  const out = execFileSync('tshark', ['-r', file, ...(keyLog ? ['-o', `tls.keylog_file:${keyLog}`] : []), '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,', ...FIELDS.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.split('\n').filter(Boolean).map((line) => Object.fromEntries(FIELDS.map((f, i) => [f, line.split('\t')[i] ?? ''])) as Row);
}

const types = (r: Row) => r['tls.handshake.type'].split(',');
const VERSION: Record<string, string> = { '0x0303': 'TLS 1.2', '0x0304': 'TLS 1.3' };

/** What tshark knows about one stream: its version and the rows where its phases begin. */
function streamFacts(rows: Row[], s: number) {
  const mine = rows.filter((r) => r['tcp.stream'] === String(s));
  // The last ServerHello: after a HelloRetryRequest (also type 2) comes the real one.
  const hello = mine.filter((r) => types(r).includes('2')).at(-1)!;
  const version = VERSION[hello['tls.handshake.extensions.supported_version'].split(',')[0] || hello['tls.handshake.version'].split(',')[0]];
  return {
    version,
    syn: mine.find((r) => r['tcp.flags.syn'] === '1' && r['tcp.flags.ack'] === '0')!,
    clientHello: mine.find((r) => types(r).includes('1'))!,
    serverKeyExchange: mine.find((r) => types(r).includes('12')),
    request: mine.find((r) => r['http.request.method'])!,
    close: mine.find((r) => r['tls.alert_message.desc'] !== '' || r['tcp.flags.fin'] === '1')!,
  };
}

/** A scenario, its plan, its capture as tshark reads it, and the packet behind each tshark row. */
function scenario(id: string) {
  const sim = simulate(findScenario(id)!);
  const plan = schedule(sim);
  const file = join(mkdtempSync(join(tmpdir(), 'wirescene-chapters-')), `${id}.pcapng`);
  writeFileSync(file, writePcapng(sim));
  const seen = capturedPackets(sim);
  return { sim, plan, rows: tshark(file), packetOf: (r: Row): Packet => seen[Number(r['frame.number']) - 1] };
}

const departure = (plan: Plan, p: Packet) => plan.flights.find((f) => f.packetId === p.id)!.startS;
const titleAt = (plan: Plan, p: Packet) => chapterAt(plan, departure(plan, p))!.title;

describe.skipIf(!hasTshark)('chapters follow the connections and the TLS versions tshark reads', { timeout: 60_000 }, () => {
  it('tls12-vs-tls13: one chapter per phase of each connection, the TLS version from its ServerHello', () => {
    const { plan, rows, packetOf } = scenario('tls12-vs-tls13');
    const streams = [...new Set(rows.map((r) => r['tcp.stream']))].map(Number);
    expect(streams).toEqual([0, 1]);
    const facts = streams.map((s) => streamFacts(rows, s));
    expect(facts.map((f) => f.version)).toEqual(['TLS 1.2', 'TLS 1.3']);
    expect(plan.chapters.map((c) => [c.title, c.startS])).toEqual(
      facts.flatMap((f, i) => {
        const n = ` · connection #${streams[i]}`; // tshark's tcp.stream
        return [
          [`TCP handshake${n}`, i === 0 ? 0 : departure(plan, packetOf(f.syn))],
          [`${f.version} handshake${n}`, departure(plan, packetOf(f.clientHello))],
          [`HTTP request${n}`, departure(plan, packetOf(f.request))],
          [`Connection close${n}`, departure(plan, packetOf(f.close))],
        ];
      }),
    );
    // The moments of the issue: the 1.2 ServerKeyExchange on screen, the second ClientHello leaving.
    const ske = packetOf(facts[0].serverKeyExchange!);
    const f = plan.flights.find((x) => x.packetId === ske.id)!;
    expect(chapterAt(plan, (f.startS + f.endS) / 2)!.title).toBe('TLS 1.2 handshake · connection #0');
    expect(titleAt(plan, packetOf(facts[1].clientHello))).toBe('TLS 1.3 handshake · connection #1');
    expect(plan.chapters.map((c) => c.connections)).toEqual([[0], [0], [0], [0], [1], [1], [1], [1]]);
    // The timeline bar's mark where the whole title has no room: the same words without the connection.
    expect(plan.chapters.map((c) => c.shortTitle)).toEqual(facts.flatMap((f) => ['TCP handshake', `${f.version} handshake`, 'HTTP request', 'Connection close']));
  });

  it('resumption-0rtt: the second connection has its own chapters; its 0-RTT request opens its HTTP chapter before the ServerHello', () => {
    const { plan, rows, packetOf } = scenario('resumption-0rtt');
    const second = streamFacts(rows, 1);
    expect(second.version).toBe('TLS 1.3');
    expect(titleAt(plan, packetOf(second.syn))).toBe('TCP handshake · connection #1');
    expect(titleAt(plan, packetOf(second.clientHello))).toBe('TLS 1.3 handshake · connection #1');
    expect(titleAt(plan, packetOf(second.request))).toBe('HTTP request (0-RTT) · connection #1');
    // tshark: that request leaves before the connection's ServerHello (0-RTT); the first connection's after it.
    const serverHello = (s: string) => Number(rows.find((r) => r['tcp.stream'] === s && types(r).includes('2'))!['frame.number']);
    expect(Number(second.request['frame.number'])).toBeLessThan(serverHello('1'));
    const first = streamFacts(rows, 0);
    expect(Number(first.request['frame.number'])).toBeGreaterThan(serverHello('0'));
    expect(titleAt(plan, packetOf(first.request))).toBe('HTTP request · connection #0');
    expect(titleAt(plan, packetOf(second.close))).toBe('Connection close · connection #1');
    // Nothing of the second connection sits under the first one's close any more.
    const firstClose = plan.chapters.find((c) => c.title === 'Connection close · connection #0')!;
    expect(firstClose.endS).toBe(departure(plan, packetOf(second.syn)));
  });

  it.each(['https', 'hello-retry', 'chrome-hello', 'dns-then-https'])('%s (one connection): the titles stay plain, the TLS version read past a HelloRetryRequest or a split ServerHello', (id) => {
    const { sim, plan, rows } = scenario(id);
    expect(new Set(rows.map((r) => r['tcp.stream']).filter(Boolean))).toEqual(new Set(['0']));
    const version = streamFacts(rows, 0).version;
    expect(version).toBe('TLS 1.3');
    const dns = sim.packets.some((p) => p.phase === 'dns') ? ['DNS lookup'] : [];
    expect(plan.chapters.map((c) => c.title)).toEqual([...dns, 'TCP handshake', `${version} handshake`, 'HTTP request', 'Connection close']);
    expect(plan.chapters.some((c) => c.connections || c.shortTitle)).toBe(false);
  });
});

function imported(name: string, keys?: string): { sim: Simulation; plan: Plan; packetOf: (r: Row) => Packet; rows: Row[] } {
  const o = openCapture(fixture(name));
  if (!o.ok) throw new Error(o.error);
  const t = captureToTrace(o.value, { conversation: o.value.conversations.map((c) => c.id), ...(keys && { keyLog: readFileSync(join(FIXTURE_DIR, keys), 'utf8') }) });
  if (!t.ok) throw new Error(t.error);
  const byFrame = new Map(t.value.perPacket.map((p, id) => [p.frame, t.value.sim.packets[id]]));
  const rows = tshark(join(FIXTURE_DIR, name), keys && join(FIXTURE_DIR, keys));
  return { sim: t.value.sim, plan: schedule(t.value.sim), rows, packetOf: (r) => byFrame.get(Number(r['frame.number']))! };
}

describe.skipIf(!hasTshark)('chapters of imported captures', { timeout: 60_000 }, () => {
  it('six connections in parallel (curl --parallel) share four chapters instead of flapping between 24', () => {
    const { plan, rows, packetOf } = imported('parallel-tls13.pcapng', 'parallel-tls13.keys');
    const streams = [...new Set(rows.map((r) => r['tcp.stream']))].map(Number);
    expect(streams).toEqual([0, 1, 2, 3, 4, 5]);
    const facts = streams.map((s) => streamFacts(rows, s));
    // tshark's reading: every stream agreed TLS 1.3, and each opened before the first one began to close.
    expect(new Set(facts.map((f) => f.version))).toEqual(new Set(['TLS 1.3']));
    const firstClose = Math.min(...facts.map((f) => Number(f.close['frame.number'])));
    for (const f of facts) expect(Number(f.syn['frame.number'])).toBeLessThan(firstClose);
    const earliest = (pick: (f: (typeof facts)[number]) => Row) => Math.min(...facts.map((f) => departure(plan, packetOf(pick(f)))));
    expect(plan.chapters.map((c) => [c.title, c.startS])).toEqual([
      ['TCP handshakes · connections #0–5', 0],
      ['TLS 1.3 handshakes · connections #0–5', earliest((f) => f.clientHello)],
      ['HTTP requests · connections #0–5', earliest((f) => f.request)],
      ['Connection close · connections #0–5', earliest((f) => f.close)],
    ]);
  });

  it('one connection after another (several.pcapng): a DNS lookup, then each connection its own chapters', () => {
    const { plan } = imported('several.pcapng');
    expect(plan.chapters.map((c) => c.title)).toEqual([
      'DNS lookup',
      'TCP handshake · connection #0', 'HTTP request · connection #0', 'Connection close · connection #0',
      'TCP handshake · connection #1', 'HTTP request · connection #1', 'Connection close · connection #1',
    ]);
  });

  it('reads TLS 1.2 from a real TLS 1.2 ServerHello (tls12-http1.pcapng)', () => {
    const { plan, rows } = imported('tls12-http1.pcapng', 'tls12-http1.keys');
    expect(streamFacts(rows, 0).version).toBe('TLS 1.2');
    expect(plan.chapters.map((c) => c.title)).toContain('TLS 1.2 handshake');
  });
});
