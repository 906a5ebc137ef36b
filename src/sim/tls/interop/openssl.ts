import tls from 'node:tls';
import { duplexPair } from './duplexPair';
import { testPem } from '../testCertificates.node';

/**
 * One real OpenSSL-to-OpenSSL connection (Node's tls on both ends) over in-memory streams: the
 * client sends `request`, the server answers `response` and closes. Returns the bytes each side
 * put on the wire and both key logs, as a real capture would hold them.
 */
export interface OpensslSession {
  toServer: Uint8Array[];
  toClient: Uint8Array[];
  keyLog: string[];
  /** Keying material exported by the server (RFC 5705 / RFC 8446 §7.5), for checking derivations. */
  exported: Buffer;
}

export function opensslSession(o: { version: 'TLSv1.2' | 'TLSv1.3'; ciphers?: string; request: string; response: string; exportLabel: string }): Promise<OpensslSession> {
  const toServer: Uint8Array[] = [];
  const toClient: Uint8Array[] = [];
  const keyLog: string[] = [];
  const [c, s] = duplexPair((from, chunk) => (from === 'a' ? toServer : toClient).push(chunk));
  return new Promise((resolve, reject) => {
    const server = new tls.TLSSocket(s, {
      isServer: true,
      cert: testPem.leaf + testPem.intermediate,
      key: testPem.key,
      minVersion: o.version,
      maxVersion: o.version,
      ciphers: o.ciphers,
    });
    let exported: Buffer;
    server.on('keylog', (line) => keyLog.push(line.toString().trim()));
    server.on('secure', () => (exported = server.exportKeyingMaterial(32, o.exportLabel, undefined as unknown as Buffer) /* no context: RFC 5705 §4 */));
    server.on('data', () => server.end(o.response));
    server.on('error', reject);
    const client = tls.connect({ socket: c, servername: 'example.com', ca: testPem.root, minVersion: o.version, maxVersion: o.version, ciphers: o.ciphers });
    client.on('secureConnect', () => client.write(o.request));
    client.on('error', reject);
    let got = '';
    client.on('data', (d) => (got += d));
    client.on('end', () => {
      client.end();
      if (got !== o.response) reject(new Error(`client got ${JSON.stringify(got)}`));
      else setImmediate(() => resolve({ toServer, toClient, keyLog, exported }));
    });
  });
}
