import { beforeEach, describe, expect, it } from 'vitest';
import { PacketDropped } from '../sim/net/simPacket';
import { importedFixture } from './fixtures';
import { MAX_TRACE_FILE_BYTES, TRACE_FORMAT, TRACE_VERSION, traceFromJson, traceToJson } from './traceFile';

// The trace file (`npm run import -- … --out trace.json`): what it holds, and the sentence each
// kind of damage gets. The trace here is a real capture's (http-plain.pcap, tcp 0).

// The capture is imported once at load (no traceFile code runs in that); the JSON is written in
// each test (beforeEach): a mutation run switches its mutant on after the test files are loaded, so
// a trace written at load would be the original code's.
const sim = importedFixture('http-plain.pcap', ['tcp 0']).sim;
let json = '';
let data: Record<string, unknown> = {};
beforeEach(() => {
  json = traceToJson(sim, { capture: 'http-plain.pcap' });
  data = JSON.parse(json) as Record<string, unknown>;
});
const error = (value: unknown) => {
  const r = traceFromJson(typeof value === 'string' ? value : JSON.stringify(value));
  return r.ok ? 'read' : r.error;
};

describe('trace file', () => {
  it('says what it is, its version and source, and holds every packet with its bytes in base64', () => {
    expect(data.format).toBe('wirescene-trace');
    expect([TRACE_FORMAT, TRACE_VERSION, MAX_TRACE_FILE_BYTES]).toEqual(['wirescene-trace', 1, 400e6]);
    expect(data.version).toBe(1);
    expect(data.source).toEqual({ capture: 'http-plain.pcap' });
    const packets = data.packets as { bytes: string; id: number; captureUs?: number }[];
    expect(packets).toHaveLength(sim.packets.length);
    expect(Buffer.from(packets[0].bytes, 'base64')).toEqual(Buffer.from(sim.packets[0].bytes));
    expect(packets[0].captureUs).toBe(sim.packets[0].captureUs);
    expect(data.resolver).toBeUndefined();
    const events = data.events as { kind: string; packetId?: number; packet?: unknown }[];
    const send = events.find((e) => e.kind === 'send')!;
    expect(send.packet).toBeUndefined();
    expect(send.packetId).toBe(sim.packets[0].id);
  });

  it('reads back to the same simulation: packets, bytes, events naming the same packets, no format fields', () => {
    const r = traceFromJson(json);
    if (!r.ok) throw new Error(r.error);
    const back = r.value;
    expect(back.packets.map((p) => [p.id, p.label, p.sendUs, p.arriveUs, p.captureUs, p.phase])).toEqual(sim.packets.map((p) => [p.id, p.label, p.sendUs, p.arriveUs, p.captureUs, p.phase]));
    expect(back.packets.map((p) => Buffer.from(p.bytes).toString('hex'))).toEqual(sim.packets.map((p) => Buffer.from(p.bytes).toString('hex')));
    expect(back.events.map((e) => [e.kind, e.atUs, 'packet' in e ? (e as { packet: { id: number } }).packet.id : undefined])).toEqual(sim.events.map((e) => [e.kind, e.atUs, 'packet' in e ? (e as { packet: { id: number } }).packet.id : undefined]));
    const sent = back.events.find((e) => e.kind === 'send') as { packet: unknown };
    expect(sent.packet).toBe(back.packets[0]);
    for (const key of ['format', 'version', 'source']) expect(key in back).toBe(false);
    expect([back.client, back.server, back.rttUs, back.initialStates]).toEqual([sim.client, sim.server, sim.rttUs, sim.initialStates]);
    // JSON again: the same text
    expect(traceToJson(back, { capture: 'http-plain.pcap' })).toBe(json);
  });

  it('each kind of damage gets its sentence', () => {
    expect(error('{"format": ')).toMatch(/^not a trace file: it is not JSON \(/);
    expect(error('null')).toBe('not a trace file: "format" should be "wirescene-trace" (make one with npm run import)');
    expect(error({ ...data, format: 'pcap' })).toBe('not a trace file: "format" should be "wirescene-trace" (make one with npm run import)');
    expect(error({ ...data, version: 2 })).toBe('trace file version 2 is not 1: import the capture again with this version');
    expect(error({ ...data, version: undefined })).toBe('trace file version undefined is not 1: import the capture again with this version');
    expect(error({ ...data, packets: {} })).toBe('trace file has no "packets" or "events" list');
    expect(error({ ...data, events: undefined })).toBe('trace file has no "packets" or "events" list');
    expect(error({ ...data, client: undefined, timing: undefined })).toBe('trace file is damaged: it has no "client", "timing" (import the capture again)');
    for (const k of ['server', 'rttUs', 'initialStates', 'timers']) expect(error({ ...data, [k]: undefined })).toBe(`trace file is damaged: it has no "${k}" (import the capture again)`);
    const events = [...(data.events as object[]), { kind: 'arrive', atUs: 1, packetId: 9999 }];
    expect(error({ ...data, events })).toBe(`trace file is damaged: event ${events.length - 1} names packet 9999, which the file does not have`);
    expect(error({ ...data, events: [{ kind: 'drop', atUs: 1 }] })).toBe('trace file is damaged: event 0 names packet undefined, which the file does not have');
    const packets = data.packets as { bytes: string }[];
    expect(error({ ...data, packets: [{ ...packets[0], bytes: '@@@' }, ...packets.slice(1)] })).toMatch(/^trace file is damaged: /);
  });

  it('drop events name their packet too; events other than send/arrive/drop are kept as they are', () => {
    const p = (data.packets as { id: number }[])[0];
    const r = traceFromJson(JSON.stringify({ ...data, events: [{ kind: 'drop', atUs: 5, packetId: p.id }, { kind: 'note', atUs: 6, node: 'client', text: 'hi' }] }));
    if (!r.ok) throw new Error(r.error);
    expect(r.value.events[0]).toMatchObject({ kind: 'drop', atUs: 5 });
    expect((r.value.events[0] as unknown as { packet: { id: number } }).packet.id).toBe(p.id);
    expect(r.value.events[1]).toEqual({ kind: 'note', atUs: 6, node: 'client', text: 'hi' });
  });

  it('a drop event written by traceToJson names its packet by id and reads back as a drop of that packet', () => {
    const lost = sim.packets[1];
    const text = traceToJson({ ...sim, events: [new PacketDropped(7, lost)] });
    expect(JSON.parse(text).events).toEqual([{ kind: 'drop', atUs: 7, packetId: lost.id }]);
    const r = traceFromJson(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.events).toHaveLength(1);
    expect(r.value.events[0]).toBeInstanceOf(PacketDropped);
    expect((r.value.events[0] as PacketDropped).packet.id).toBe(lost.id);
  });

  it('optional packet facts (UDP, retransmission, sender, loss, segment), a resolver and decrypted records survive the round trip', () => {
    const base = sim.packets[0];
    // more than one 32 KiB slice of base64 input (the writer converts in slices of 0x8000 bytes)
    const big = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) & 0xff);
    const extra = { udp: { srcPort: 5353, dstPort: 53, payloadLength: 4 }, retransmission: 'timeout', sender: { cwnd: 10, inFlight: 2 }, lost: { atUs: 7, reason: 'queue full' }, segment: { index: 1, count: 3 } };
    const packet = { ...base, bytes: base.bytes, decrypted: [{ title: 'record', key: 'k', bytes: big, layers: [] }], layers: base.layers, ...extra };
    const resolver = { id: 'resolver', name: 'resolver', ip: '127.0.0.1', port: 53 };
    const text = traceToJson({ ...sim, packets: [packet as never], events: [], resolver } as never);
    const r = traceFromJson(text);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.resolver).toEqual(resolver);
    expect(r.value.packets[0]).toMatchObject(extra);
    expect(r.value.packets[0].decrypted).toEqual([{ title: 'record', key: 'k', bytes: big, layers: [] }]);
    expect(JSON.parse(text).packets[0].decrypted[0].bytes).toBe(Buffer.from(big).toString('base64'));
    // a packet without them writes none of those keys
    const plain = JSON.parse(json).packets[0] as Record<string, unknown>;
    for (const key of ['udp', 'retransmission', 'sender', 'lost', 'segment']) expect(key in plain, key).toBe(false);
    expect(plain.tcp).toEqual(base.tcp);
  });
});
