import { TlsAlertError } from './inbox';

/**
 * The server's ALPN choice (RFC 7301 §3.2), TLS 1.3 and 1.2 alike: its first protocol the client
 * offers. No protocol in common is a fatal no_application_protocol; a server configured with no
 * protocols does not speak ALPN and ignores the extension, as OpenSSL's s_server without -alpn does.
 */
export function selectAlpn(offered: string[] | undefined, ours: string[]): string | undefined {
  if (!offered || !ours.length) return undefined;
  const alpn = ours.find((p) => offered.includes(p));
  if (!alpn) throw new TlsAlertError('no_application_protocol', `the client offers ${offered.join(', ')}, this server speaks ${ours.join(', ')}`);
  return alpn;
}
