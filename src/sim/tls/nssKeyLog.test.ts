import { describe, expect, it } from 'vitest';
import { fromHex } from '../bytes/hex';
import { opensslSession } from './interop/openssl';
import { NssKeyLog } from './nssKeyLog';

// Oracle: the key log OpenSSL writes (Node's 'keylog' event gives its lines), in the NSS format
// Wireshark reads: "<label> <client_random hex> <secret hex>", a line each.
describe('NSS key log', () => {
  it('writes the lines OpenSSL writes for the same secrets, each ended by a newline, in order', async () => {
    const s = await opensslSession({ version: 'TLSv1.3', ciphers: 'TLS_AES_128_GCM_SHA256', request: 'ping', response: 'pong', exportLabel: 'x' });
    const log = new NssKeyLog();
    expect(log.text()).toBe('');
    for (const line of s.keyLog) {
      const [label, random, secret] = line.split(' ');
      log.add(label, fromHex(random), fromHex(secret));
    }
    expect(s.keyLog.length).toBe(5);
    expect(log.text()).toBe(s.keyLog.map((l) => `${l.toLowerCase().replace(/^[a-z_0-9]+/, (m) => m.toUpperCase())}\n`).join(''));
  }, 20_000);
});
