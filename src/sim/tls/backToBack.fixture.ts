import { CAPTURE_EPOCH_S } from '../../export/pcapng';
import { realBytes } from '../bytes/lateBytes';
import { ascii } from '../bytes/hex';
import type { HttpMessage } from '../http/messages';
import { createPrng } from '../prng';
import type { TlsClientOptions, TlsIo } from './client';
import { HandshakeReader } from './parse/handshake';
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
