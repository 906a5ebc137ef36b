import { Duplex } from 'node:stream';

/**
 * Two connected in-memory streams (no network, no ports) for talking to Node's TLS, i.e. OpenSSL,
 * in tests. Every chunk either side writes is also handed to `tap`, in order, so a test sees the
 * exact bytes on the wire in each direction.
 */
export function duplexPair(tap?: (from: 'a' | 'b', chunk: Uint8Array) => void): [Duplex, Duplex] {
  const make = (name: 'a' | 'b'): Duplex =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _enc, done) {
        tap?.(name, new Uint8Array(chunk));
        const other = name === 'a' ? b : a;
        other.push(chunk);
        done();
      },
      final(done) {
        (name === 'a' ? b : a).push(null);
        done();
      },
    });
  const a = make('a');
  const b = make('b');
  return [a, b];
}
