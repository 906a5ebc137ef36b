import { CAPTURE_EPOCH_S } from '../../export/pcapng';
import { realBytes } from '../bytes/lateBytes';
import { ascii, concat, fromHex } from '../bytes/hex';
import type { HttpMessage } from '../http/messages';
import { createPrng } from '../prng';
import { TlsClient, type TlsClientOptions, type TlsIo } from './client';
import { type Suite13, trafficKeys } from './keySchedule';
import { HandshakeReader, parseClientHello } from './parse/handshake';
import { openRecord, plainRecord, sealRecord } from './record';
import { TlsServer, type TlsServerOptions } from './server';
import { RecordReader } from './parse/record';
import { ourServerOptions } from './interop/nodePeer';
import { testDer } from './testCertificates.node';
import type { TlsWrite } from './writes';
import type { Field, Layer } from '../types';
import { expect } from 'vitest';

// Two of our endpoints wired back to back in memory, for the endpoints' direct tests: no network,
// no simulator, every write recorded with its step, each direction open to a test that rewrites
// (or drops) what crosses. Deliveries wait in a queue, so no endpoint is re-entered mid-record.

export interface Peer {
  receive(bytes: Uint8Array): void;
}

/** What one endpoint told its application, in order. */
export interface Heard {
  sent: { step: string; write: TlsWrite }[];
  failed: { alert: string; reason: string; sent: boolean }[];
  data: string;
  complete: number;
  closeNotify: number;
  tickets: number;
}

export const clientOptions = (o: Partial<TlsClientOptions> = {}): TlsClientOptions => ({ host: 'example.com', trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S, ...o });
export const serverOptions = ourServerOptions;
export const http = (text: string): HttpMessage => ({ label: text.split('\r\n')[0], bytes: ascii(text), layer: { name: 'HTTP', summary: text.split('\r\n')[0], fields: [] } });

export type Rewrite = (bytes: Uint8Array, step: string) => Uint8Array | undefined;

/**
 * `makeClient(io)` and `makeServer(io)` wired together; `toServer`/`toClient` may rewrite a write's
 * bytes on its way (undefined: dropped). `run()` delivers until both are quiet.
 */
export function backToBack<C extends Peer & { start(): void }, S extends Peer>(
  makeClient: (io: TlsIo) => C,
  makeServer: (io: TlsIo) => S,
  o: { toServer?: Rewrite; toClient?: Rewrite; start?: boolean } = {},
) {
  const queue: (() => void)[] = [];
  const heard = (): Heard => ({ sent: [], failed: [], data: '', complete: 0, closeNotify: 0, tickets: 0 });
  const c = heard();
  const s = heard();
  const io = (me: Heard, deliver: (b: Uint8Array) => void, rewrite?: Rewrite): TlsIo => ({
    send: (step, write) => {
      me.sent.push({ step, write });
      const bytes = rewrite ? rewrite(realBytes(write.data).slice(), step) : realBytes(write.data);
      if (bytes) queue.push(() => deliver(bytes));
    },
    handshakeComplete: () => me.complete++,
    data: (b) => (me.data += new TextDecoder().decode(b)),
    closeNotify: () => me.closeNotify++,
    failed: (alert, reason, sent) => me.failed.push({ alert, reason, sent }),
    ticket: () => me.tickets++,
  });
  const server: S = makeServer(io(s, (b) => client.receive(b), o.toClient));
  const client: C = makeClient(io(c, (b) => server.receive(b), o.toServer));
  const run = () => {
    while (queue.length) queue.shift()!();
  };
  if (o.start !== false) {
    client.start();
    run();
  }
  return { client, server, c, s, run };
}

/** The clear handshake messages' names in a direction's writes (records of type 22 only). */
export const clearHandshakeNames = (h: Heard): string[] =>
  h.sent.flatMap((x) =>
    new RecordReader()
      .push(realBytes(x.write.data))
      .filter((r) => r.type === 22)
      .flatMap((r) => new HandshakeReader().push(r.fragment).map((m) => m.name)),
  );

export const seed = createPrng;

/** The exchange every back-to-back test carries once the handshake is done. */
export const request = 'GET / HTTP/1.1\r\nHost: example.com\r\n\r\n';
export const reply = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
/** What a side sent, step by step: the step, the sprite label and the top layer's summary. */
export const summaries = (h: Heard) => h.sent.map((x) => [x.step, x.write.label, x.write.layers[0].summary]);

/** Every field an inspector shows has a name and a value, and a note, when it has one, says something. */
export function expectNoEmptyText(layers: Layer[], where: string): void {
  const walk = (f: Field, path: string) => {
    expect(f.name, path).not.toBe('');
    if (f.value !== undefined) expect(String(f.value), `${path} ${f.name}`).not.toBe('');
    if (f.note !== undefined) expect(f.note, `${path} ${f.name}`).not.toBe('');
    for (const c of f.children ?? []) walk(c, `${path} > ${f.name}`);
  };
  for (const l of layers) {
    expect(l.summary, where).not.toBe('');
    for (const f of l.fields) walk(f, `${where}: ${l.name}`);
  }
}

/** Our TLS 1.3 client (seed 1) and server (seed 2) back to back, handshake run. */
export function pair13(o: { client?: Partial<TlsClientOptions>; server?: Partial<TlsServerOptions>; toServer?: Rewrite; toClient?: Rewrite } = {}) {
  return backToBack(
    (io) => new TlsClient(seed(1), clientOptions(o.client), io),
    (io) => new TlsServer(seed(2), serverOptions(o.server), io),
    { toServer: o.toServer, toClient: o.toClient },
  );
}

/** A client that has sent its ClientHello to no one, for hand-made server records; the session id it sent. */
export function startedClient(o: Partial<TlsClientOptions> = {}) {
  const r = backToBack(
    (io) => new TlsClient(seed(1), clientOptions(o), io),
    () => ({ receive() {} }),
    { start: false },
  );
  r.client.start();
  const ch = parseClientHello(new HandshakeReader().push(new RecordReader().push(realBytes(r.c.sent[0].write.data))[0].fragment)[0].body);
  return { ...r, sessionId: ch.legacySessionId };
}

/** A ServerHello laid out by hand (RFC 8446 §4.1.3), for the client to check. */
export function serverHello(o: {
  random?: Uint8Array;
  sessionId: Uint8Array;
  suite?: number;
  version?: number;
  group?: number;
  key?: Uint8Array;
  selectedGroup?: number;
  selectedIdentity?: number;
}): Uint8Array {
  const u16 = (v: number) => [v >> 8, v & 0xff];
  const ext = (type: number, body: number[]) => [...u16(type), ...u16(body.length), ...body];
  const exts = [
    ...ext(43, u16(o.version ?? 0x0304)),
    ...(o.selectedGroup !== undefined ? ext(51, u16(o.selectedGroup)) : o.group !== undefined ? ext(51, [...u16(o.group), ...u16(o.key!.length), ...o.key!]) : []),
    ...(o.selectedIdentity !== undefined ? ext(41, u16(o.selectedIdentity)) : []),
  ];
  const body = [...u16(0x0303), ...(o.random ?? new Uint8Array(32).fill(0x42)), o.sessionId.length, ...o.sessionId, ...u16(o.suite ?? 0x1301), 0, ...u16(exts.length), ...exts];
  return plainRecord(22, Uint8Array.from([2, 0, body.length >> 8, body.length & 0xff, ...body]));
}

/**
 * Rewrites our server's first flight: its `index`th record (the clear ones counted) opened with the
 * server handshake traffic key from the server's key log (RFC 8446 §7.3), the message in it given to
 * `edit`, and what `edit` returns sealed again under the same key and sequence number: the flight of
 * a server that computed that one message otherwise.
 */
export function resealServerRecord(keyLog: () => string, suite: Suite13, index: number, edit: (message: Uint8Array) => Uint8Array): Rewrite {
  return (b, step) => {
    if (step !== 'server-hello') return b;
    const secret = keyLog()
      .split('\n')
      .find((l) => l.startsWith('SERVER_HANDSHAKE_TRAFFIC_SECRET '))!
      .split(' ')[2];
    const keys = trafficKeys(fromHex(secret), suite);
    const records = new RecordReader().push(b);
    const seq = records.slice(0, index).filter((r) => r.type === 23).length;
    const { offset, length } = records[index];
    const { type, content } = openRecord(keys, seq, b.subarray(offset, offset + length));
    return concat(b.subarray(0, offset), sealRecord(keys, seq, type, edit(content)), b.subarray(offset + length));
  };
}
