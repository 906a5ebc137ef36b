/** TLS 1.2's handshake in one sentence per flight, counting its two round trips (RFC 5246 §7.3); undefined for steps it shares with TLS 1.3. */
export function sentence12(step: string, ctx: { host: string }): string | undefined {
  switch (step) {
    case 'client-hello':
      return `Round trip 1 of 2: the client offers TLS 1.2 only: suites, curves, SNI ${ctx.host}, but no key share yet`;
    case 'server-hello':
      return `Server answers in the clear: its suite, the certificate for ${ctx.host}, a signed ECDHE key, then ServerHelloDone`;
    case 'client-key-exchange':
      return 'Round trip 2 of 2: the client\'s ECDHE key, ChangeCipherSpec, and its Finished, the first encrypted record';
    case 'server-finished':
      return 'Server\'s ChangeCipherSpec and Finished: after two round trips the request may leave (TLS 1.3 needs one)';
    default:
      return undefined;
  }
}
