import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S } from '../../../export/pcapng';
import { concat } from '../../bytes/hex';
import { createPrng } from '../../prng';
import { type ResumeOption, TlsClient, type TlsIo } from '../client';
import { HandshakeReader, parseClientHello } from '../parse/handshake';
import { RecordReader } from '../parse/record';
import type { SessionTicket } from '../psk';
import { TlsServer, type TlsServerOptions } from '../server';
import { testDer, testPem } from '../testCertificates.node';
import { duplexPair } from './duplexPair';
import { message, nodeClientToOurs, ourServerOptions, reply, request } from './nodePeer';

// Oracles: OpenSSL (Node's tls) resuming with our tickets and giving us tickets to resume with;
// and, for 0-RTT, which Node's API does not expose (no SSL_write_early_data, no max_early_data
// option: its tickets never allow early data), our client against our server, each side parsing
// what the other sent.
const clientHelloOf = (chunks: Uint8Array[]) => {
  const [record] = new RecordReader().push(concat(...chunks));
  return parseClientHello(new HandshakeReader().push(record.fragment)[0].body);
};

/** Our client against Node's tls.createServer over an in-memory duplex. */
function oursToOpenssl(server: tls.Server, seed: number, resume?: ResumeOption) {
  const [ours, theirs] = duplexPair();
  const toServer: Uint8Array[] = [];
  let client!: TlsClient;
  const done = new Promise<{ client: TlsClient; got: string; reused: boolean; toServer: Uint8Array[] }>((resolve, reject) => {
    let got = '';
    let reused = false;
    server.once('secureConnection', (s: tls.TLSSocket) => {
      reused = s.isSessionReused();
      s.on('data', () => s.end(reply));
    });
    client = new TlsClient(createPrng(seed), { host: 'example.com', trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S, resume }, {
      send: (_step, w) => {
        toServer.push(w.data);
        ours.write(w.data);
      },
      handshakeComplete: () => client.send(message(request)),
      data: (b) => (got += new TextDecoder().decode(b)),
      // OpenSSL's tickets come with its first records; the close arrives after them.
      closeNotify: () => resolve({ client, got, reused, toServer }),
      failed: (alert, reason) => reject(new Error(`${alert}: ${reason}`)),
    });
    ours.on('data', (b: Buffer) => client.receive(new Uint8Array(b)));
    server.emit('connection', theirs);
    client.start();
  });
  return done;
}

/** Our two endpoints wired to each other through a queue (as TCP would deliver, in order, never re-entrantly). */
function oursToOurs(server: TlsServerOptions, seed: number, resume?: ResumeOption) {
  const queue: [to: 'client' | 'server', bytes: Uint8Array][] = [];
  const log: string[] = [];
  const toServer: Uint8Array[] = [];
  let got = '';
  let answered = '';
  let requested = false;
  const ask = () => {
    requested = true;
    c.send(message(request));
  };
  const c: TlsClient = new TlsClient(createPrng(seed), { host: 'example.com', trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S, resume }, {
    send: (step, w) => {
      log.push(`client ${step}`);
      toServer.push(w.data);
      queue.push(['server', w.data]);
    },
    handshakeComplete: () => {
      log.push('client handshake complete');
      // 0-RTT refused: the request goes again, under the application keys (RFC 8446 §4.2.10).
      if (!requested || !c.earlyDataAccepted) ask();
    },
    data: (b) => (answered += new TextDecoder().decode(b)),
    failed: (alert, reason) => log.push(`client failed ${alert}: ${reason}`),
  });
  const s: TlsServer = new TlsServer(createPrng(seed + 1), server, {
    send: (step, w) => {
      log.push(`server ${step}`);
      queue.push(['client', w.data]);
    },
    handshakeComplete: () => log.push('server handshake complete'),
    data: (b) => {
      got += new TextDecoder().decode(b);
      log.push('server got request');
      if (got.endsWith('\r\n\r\n')) s.send(message(reply));
    },
    failed: (alert, reason) => log.push(`server failed ${alert}: ${reason}`),
  } satisfies TlsIo);
  c.start();
  if (c.canSendEarlyData) ask();
  while (queue.length) {
    const [to, bytes] = queue.shift()!;
    (to === 'client' ? c : s).receive(bytes);
  }
  return { client: c, server: s, log, got, answered, toServer };
}

const newServer = () => tls.createServer({ cert: testPem.leaf + testPem.intermediate, key: testPem.key, minVersion: 'TLSv1.3', ALPNProtocols: ['http/1.1'] });

describe('TLS 1.3 resumption (RFC 8446 §2.2) with OpenSSL', () => {
  it('our client resumes against tls.createServer with its ticket: PSK with (EC)DHE, no certificate, OpenSSL says reused', async () => {
    const server = newServer();
    const first = await oursToOpenssl(server, 7);
    expect(first.got).toBe(reply);
    expect(first.reused).toBe(false);
    const tickets = first.client.sessionTickets();
    expect(tickets).toHaveLength(2);
    // OpenSSL's default max_early_data is 0 and Node offers no way to change it: no 0-RTT with its tickets.
    expect(tickets.map((t) => t.maxEarlyData)).toEqual([0, 0]);
    const second = await oursToOpenssl(server, 8, { ticket: tickets[0], ageMs: 1500, earlyData: true });
    expect(second.reused).toBe(true);
    expect(second.client.resumed).toBe(true);
    expect(second.client.earlyDataAccepted).toBe(false);
    expect(second.got).toBe(reply);
    const hello = clientHelloOf(second.toServer);
    expect(hello.extensions.list.at(-1)!.name).toBe('pre_shared_key');
    expect(hello.extensions.pskKeyExchangeModes).toEqual([1]);
    expect(hello.extensions.earlyData).toBeUndefined();
  }, 20_000);

  it('OpenSSL rejects a binder that does not match (decrypt_error), so the binder is checked, not just present', async () => {
    const server = newServer();
    const first = await oursToOpenssl(server, 7);
    const [ticket] = first.client.sessionTickets();
    const wrongPsk = { ...ticket, psk: ticket.psk.map((b, i) => (i === 0 ? b ^ 1 : b)) };
    const err = await new Promise<Error>((resolve) => {
      server.once('tlsClientError', resolve);
      oursToOpenssl(server, 8, { ticket: wrongPsk, ageMs: 10 }).catch(() => {});
    });
    expect(String(err)).toMatch(/binder|decrypt/i);
  }, 20_000);

  it('a Node client resumes against our server with the session it saved (tls.connect({ session }))', async () => {
    let serverTicketKey: Uint8Array | undefined;
    const connect = async (session?: Buffer) => {
      const { client, server, done } = nodeClientToOurs((io) => new TlsServer(createPrng(9), ourServerOptions({ ticketKey: serverTicketKey }), io), { ALPNProtocols: ['http/1.1'], minVersion: 'TLSv1.3', session });
      serverTicketKey ??= server.ticketKey;
      const sessions: Buffer[] = [];
      client.on('session', (s) => sessions.push(s));
      const answer = await done;
      return { answer, reused: client.isSessionReused(), sessions, server };
    };
    const first = await connect();
    expect(first.reused).toBe(false);
    expect(first.sessions).toHaveLength(2);
    const second = await connect(first.sessions[0]);
    expect(second.answer).toBe(reply);
    expect(second.reused).toBe(true);
    expect(second.server.resumed).toBe(true);
  }, 20_000);
});

describe('0-RTT early data (RFC 8446 §2.3, §4.2.10) between our endpoints', () => {
  const firstTicket = (o: Partial<TlsServerOptions>): { ticket: SessionTicket; ticketKey: Uint8Array } => {
    const first = oursToOurs(ourServerOptions(o), 21);
    expect(first.answered).toBe(reply);
    return { ticket: first.client.sessionTickets()[0], ticketKey: first.server.ticketKey };
  };

  it('the request leaves with the ClientHello and the server reads it before the handshake completes', () => {
    const { ticket, ticketKey } = firstTicket({ maxEarlyData: 16384 });
    expect(ticket.maxEarlyData).toBe(16384);
    const second = oursToOurs(ourServerOptions({ ticketKey, maxEarlyData: 16384 }), 22, { ticket, ageMs: 2000, earlyData: true });
    expect(second.log.slice(0, 2)).toEqual(['client client-hello', 'client early-data']);
    expect(second.log.indexOf('server got request')).toBeLessThan(second.log.indexOf('server handshake complete'));
    expect(second.client.earlyDataAccepted && second.server.earlyDataAccepted && second.server.resumed).toBe(true);
    expect(second.got).toBe(request);
    expect(second.answered).toBe(reply);
    const hello = clientHelloOf(second.toServer);
    // OpenSSL's order: early_data after key_share, then padding, pre_shared_key last.
    expect(hello.extensions.list.map((e) => e.name).slice(-4)).toEqual(['key_share', 'early_data', 'padding', 'pre_shared_key']);
    expect(second.client.keyLog()).toMatch(/^CLIENT_EARLY_TRAFFIC_SECRET [0-9a-f]{64} [0-9a-f]{96}$/m);
  });

  it('a server that no longer takes 0-RTT skips the early records; the client sends the request again after the handshake', () => {
    const { ticket, ticketKey } = firstTicket({ maxEarlyData: 16384 });
    const second = oursToOurs(ourServerOptions({ ticketKey, maxEarlyData: 0 }), 22, { ticket, ageMs: 2000, earlyData: true });
    expect(second.server.resumed).toBe(true);
    expect(second.client.earlyDataAccepted).toBe(false);
    expect(second.got).toBe(request);
    expect(second.log.filter((l) => l.includes('failed'))).toEqual([]);
  });

  it('a ticket from another server key is not ours: a full handshake with the certificate', () => {
    const { ticket } = firstTicket({ maxEarlyData: 16384 });
    const second = oursToOurs(ourServerOptions({ ticketKey: new Uint8Array(32).fill(7), maxEarlyData: 16384 }), 22, { ticket, ageMs: 2000, earlyData: true });
    expect(second.server.resumed).toBe(false);
    expect(second.client.resumed).toBe(false);
    expect(second.got).toBe(request);
  });
});

