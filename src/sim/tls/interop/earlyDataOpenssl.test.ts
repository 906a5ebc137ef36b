import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S } from '../../../export/pcapng';
import { ascii } from '../../bytes/hex';
import type { HttpMessage } from '../../http/messages';
import { createPrng } from '../../prng';
import { type ResumeOption, TlsClient } from '../client';
import { testDer, testPem } from '../testCertificates.node';

// Oracle for 0-RTT: OpenSSL's own server, `openssl s_server -early_data`, on loopback. Node's tls
// API cannot accept early data (no max_early_data), so the in-memory tests cannot show a real peer
// reading our early data; s_server can, and prints what it read before the handshake completed.
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const request = 'GET / HTTP/1.1\r\nHost: example.com\r\n\r\n';
const message = (text: string): HttpMessage => ({ label: text.split('\r\n')[0], bytes: ascii(text), layer: { name: 'HTTP', summary: '', fields: [] } });

let dir: string;
let server: ChildProcess;
let port = 0;
let output = '';

beforeAll(async () => {
  if (!hasOpenssl) return;
  dir = mkdtempSync(join(tmpdir(), 'wirescene-0rtt-'));
  writeFileSync(join(dir, 'leaf.pem'), testPem.leaf);
  writeFileSync(join(dir, 'chain.pem'), testPem.intermediate);
  writeFileSync(join(dir, 'key.pem'), testPem.key);
  server = spawn('openssl', ['s_server', '-accept', '127.0.0.1:0', '-tls1_3', '-early_data', '-max_early_data', '16384', '-naccept', '2',
    '-cert', join(dir, 'leaf.pem'), '-cert_chain', join(dir, 'chain.pem'), '-key', join(dir, 'key.pem')], { stdio: ['pipe', 'pipe', 'pipe'] });
  server.stdout!.on('data', (b: Buffer) => (output += b.toString('latin1')));
  server.stderr!.on('data', (b: Buffer) => (output += b.toString('latin1')));
  port = await new Promise<number>((resolve, reject) => {
    const wait = setInterval(() => {
      const m = /ACCEPT\s+\S*:(\d+)/.exec(output);
      if (m) {
        clearInterval(wait);
        resolve(Number(m[1]));
      }
    }, 20);
    server.once('exit', (code) => {
      clearInterval(wait);
      reject(new Error(`openssl s_server exited (${code}): ${output}`));
    });
  });
}, 20_000);

afterAll(() => {
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Our client over a loopback TCP socket to s_server; the GET goes as early data when the ticket allows it. */
function connect(seed: number, resume?: ResumeOption) {
  return new Promise<TlsClient>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let sent = false;
    let complete = false;
    const client: TlsClient = new TlsClient(createPrng(seed), { host: 'example.com', trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S, resume }, {
      send: (_step, w) => socket.write(w.data),
      handshakeComplete: () => {
        complete = true;
        if (!sent) client.send(message(request));
        sent = true;
      },
      data: () => {},
      failed: (alert, reason) => reject(new Error(`${alert}: ${reason}`)),
    });
    socket.on('data', (b: Buffer) => {
      client.receive(new Uint8Array(b));
      // OpenSSL sends its two tickets after our Finished: done when both are in (on resumption, once our Finished is out).
      if (client.sessionTickets().length >= (resume ? 0 : 2) && sent && complete) {
        socket.end();
        resolve(client);
      }
    });
    socket.on('error', reject);
    socket.on('connect', () => {
      client.start();
      if (client.canSendEarlyData) {
        client.send(message(request));
        sent = true;
      }
    });
  });
}

describe.skipIf(!hasOpenssl)('0-RTT against OpenSSL (openssl s_server -early_data, loopback)', () => {
  it('s_server accepts our resumed ClientHello with the GET as early data and reads it before the handshake completes', async () => {
    const first = await connect(31);
    const [ticket] = first.sessionTickets();
    expect(ticket.maxEarlyData).toBe(16384);
    const exited = new Promise((r) => server.once('exit', r));
    const second = await connect(32, { ticket, ageMs: 500, earlyData: true });
    await exited; // -naccept 2: s_server has flushed everything it read by the time it exits
    expect(second.resumed).toBe(true);
    expect(second.earlyDataAccepted).toBe(true);
    // s_server prints "Early data received:" only when SSL_read_early_data returned bytes (else "No early
    // data received", as for the first connection, or "Early data was rejected"). It writes those bytes raw
    // and unbuffered while its own lines are buffered, so the order of its output is not the order of events:
    // count instead. One GET per connection was sent, so two in all, one of them read as early data.
    const count = (text: string) => output.split(text).length - 1;
    expect(count('Early data received:')).toBe(1);
    expect(count('End of early data')).toBe(1);
    expect(count('No early data received')).toBe(1);
    expect(count('Early data was rejected')).toBe(0);
    expect(count('GET / HTTP/1.1')).toBe(2);
    // Its statistics at exit: both handshakes finished (the second after our EndOfEarlyData and Finished), one from its cache.
    expect(output).toMatch(/\b2 server accepts that finished/);
    expect(output).toMatch(/\b1 session cache hits/);
  }, 30_000);
});
