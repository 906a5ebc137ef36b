import { createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S } from '../../../export/pcapng';
import { concat, toHex } from '../../bytes/hex';
import { createPrng } from '../../prng';
import { TlsClient12 } from '../client12';
import { curlTls12Profile, opensslTls12Profile } from '../messages12';
import { parseServerHello } from '../parse/handshake';
import { testDer } from '../testCertificates.node';
import { ourClientToNode, plainHandshake, reply } from './nodePeer';

// Oracle: OpenSSL's server (Node tls, TLS 1.2) issuing an RFC 5077 ticket. It sends NewSessionTicket
// before its ChangeCipherSpec and hashes it into its Finished, so our client's handshake completes only
// if it counted the ticket in its transcript. The ticket is read off the wire by hand, and is OpenSSL's:
// key_name || IV || AES-128-CBC(session) || HMAC-SHA256, under the ticketKeys given (name, HMAC key, AES key).

/** The server's plain handshake messages (before its ChangeCipherSpec), whole, header included. */
const plainRaw = (chunks: Uint8Array[]) => plainHandshake(chunks).map((m) => m.raw);

const connect = (profile = opensslTls12Profile) => {
  const ticketKeys = randomBytes(48);
  const peer = ourClientToNode(
    (io) => new TlsClient12(createPrng(7), { host: 'example.com', trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S, profile }, io),
    { maxVersion: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256', ticketKeys, sessionTimeout: 3600 },
  );
  const opensslKeyLog: string[] = [];
  peer.server.on('keylog', (line) => opensslKeyLog.push(line.toString()));
  return { ...peer, ticketKeys, opensslKeyLog };
};

describe('our TLS 1.2 client and an OpenSSL server that issues a session ticket (RFC 5077)', () => {
  it('offering session_ticket: the ticket comes before the ChangeCipherSpec, counts in the Finished, and is kept as sent', async () => {
    const { client, fromServer, done, ticketKeys, opensslKeyLog } = connect();
    expect(await done).toBe(reply);
    expect(client.keyLog()).toBe(opensslKeyLog.join(''));
    const messages = plainRaw(fromServer);
    expect(messages.map((m) => m[0])).toEqual([2, 11, 12, 14, 4]);
    expect(parseServerHello(messages[0].subarray(4)).extensions.sessionTicket).toEqual(new Uint8Array(0));
    // RFC 5077 §3.3: u32 ticket_lifetime_hint, opaque ticket<0..2^16-1>, laid out by hand.
    const nst = messages[4];
    const view = new DataView(nst.buffer, nst.byteOffset, nst.byteLength);
    expect((nst[1] << 16) | (nst[2] << 8) | nst[3]).toBe(nst.length - 4);
    expect(view.getUint16(8)).toBe(nst.length - 10);
    const lifetime = view.getUint32(4);
    const ticket = nst.subarray(10);
    expect(lifetime).toBe(3600); // OpenSSL's hint is the session timeout
    expect(client.tickets).toHaveLength(1);
    expect(client.tickets[0].lifetimeSeconds).toBe(lifetime);
    expect(toHex(client.tickets[0].ticket)).toBe(toHex(ticket));
    // OpenSSL's ticket under our keys: the name, an HMAC that verifies, and this session's master secret inside.
    const [name, hmacKey, aesKey] = [ticketKeys.subarray(0, 16), ticketKeys.subarray(16, 32), ticketKeys.subarray(32, 48)];
    expect(toHex(ticket.subarray(0, 16))).toBe(toHex(name));
    const mac = ticket.subarray(ticket.length - 32);
    expect(toHex(createHmac('sha256', hmacKey).update(ticket.subarray(0, ticket.length - 32)).digest())).toBe(toHex(mac));
    const decipher = createDecipheriv('aes-128-cbc', aesKey, ticket.subarray(16, 32));
    const session = concat(decipher.update(ticket.subarray(32, ticket.length - 32)), decipher.final());
    const master = client.keyLog().trim().split(' ')[2];
    expect(master).toMatch(/^[0-9a-f]{96}$/);
    expect(toHex(session)).toContain(master);
  }, 20_000);

  it('offering none (curl): the same server sends neither the extension nor a ticket', async () => {
    const { client, fromServer, done, opensslKeyLog } = connect(curlTls12Profile);
    expect(await done).toBe(reply);
    expect(client.keyLog()).toBe(opensslKeyLog.join(''));
    expect(plainRaw(fromServer).map((m) => m[0])).toEqual([2, 11, 12, 14]);
    expect(client.tickets).toEqual([]);
  }, 20_000);
});
