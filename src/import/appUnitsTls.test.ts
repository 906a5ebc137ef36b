import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealTls13 } from '../../tests/support/tls13Seal';
import { fromHex } from '../sim/bytes/hex';
import { dissectStream, dnsUnit } from './appUnits';
import { FIXTURE_DIR, KEY_LOGS, openedFixture } from './fixtures';
import { parseKeyLog } from './keyLog';
import type { TcpStream } from './tcpStreams';

// The TLS record units of a connection: what each record is called (the packet labels), its title and
// layer in the inspector, its phase (the chapters). Oracles: the fixture captures as tshark reads them
// with their key logs (tshark -o tls.keylog_file: record lengths 234, 1, 53, …; handshake types 2, 8,
// 11, 15, 20 in the server's first flight, an Alert last from the client), records laid out by hand
// (RFC 8446 §5.1, RFC 5246 §6.2.1), a record sealed with node:crypto (RFC 8446 §5.2, §7.1, §7.3),
// DNS messages laid out per RFC 1035 §4.1.

const hex = (s: string) => fromHex(s.replace(/ /g, ''));
const plain = (client: Uint8Array, server: Uint8Array): TcpStream => {
  const data = (bytes: Uint8Array) => ({ bytes, runs: [], missingBytes: 0 });
  return { index: 0, hosts: [{ ip: '192.0.2.1', port: 40000 }, { ip: '192.0.2.2', port: 443 }], frames: [], data: [data(client), data(server)], handshake: true };
};
const NAME = 'tls13-http1.pcapng';
const keyLogText = () => readFileSync(join(FIXTURE_DIR, KEY_LOGS[NAME] as string), 'utf8');
const row = (u: ReturnType<typeof dissectStream>['units'][number]) => [u.direction, u.start, u.end, u.label, u.topLayer, u.phase, u.record?.length, u.record?.handshakeTypes];

describe('TLS 1.3 records of a real connection (tls13-http1.pcapng)', () => {
  it('with its key log: each record named by what it carries, with its phase and its length as tshark reads it; no problem', () => {
    const d = dissectStream(openedFixture(NAME).tcpStreams[0], parseKeyLog(keyLogText()));
    expect([d.protocol, d.problems, d.tls?.decryption]).toEqual(['tls', [], 'decrypted']);
    const tls = d.units.filter((u) => u.topLayer === 'tls');
    const client = tls.filter((u) => u.direction === 0);
    const server = tls.filter((u) => u.direction === 1);
    expect(client.map(row)).toEqual([
      [0, 0, 239, 'ClientHello', 'tls', 'tls', 234, [1]],
      [0, 239, 245, 'ChangeCipherSpec', 'tls', 'tls', 1, []],
      [0, 245, 303, 'Finished', 'tls', 'tls', 53, [20]],
      [0, 303, 404, 'Application Data', 'tls', 'http', 96, []],
      [0, 404, 508, 'Application Data', 'tls', 'http', 99, []],
      [0, 508, 616, 'Application Data', 'tls', 'http', 103, []],
      [0, 616, 640, 'Alert', 'tls', 'close', 19, []],
    ]);
    expect(server.slice(0, 6).map(row)).toEqual([
      [1, 0, 127, 'ServerHello', 'tls', 'tls', 122, [2]],
      [1, 127, 133, 'ChangeCipherSpec', 'tls', 'tls', 1, []],
      [1, 133, 161, 'EncryptedExtensions', 'tls', 'tls', 23, [8]],
      [1, 161, 629, 'Certificate', 'tls', 'tls', 463, [11]],
      [1, 629, 730, 'CertificateVerify', 'tls', 'tls', 96, [15]],
      [1, 730, 788, 'Finished', 'tls', 'tls', 53, [20]],
    ]);
    expect(client.map((u) => [u.record?.type, u.record?.innerName, u.record?.encrypted])).toEqual([
      [22, 'ClientHello', false], [20, 'ChangeCipherSpec', false], [23, 'Finished', true],
      [23, 'Application Data', true], [23, 'Application Data', true], [23, 'Application Data', true], [23, 'Alert', true],
    ]);
    // what was never encrypted is shown as the packet's own bytes, not as a decrypted record
    expect(client.slice(0, 2).map((u) => u.decrypted)).toEqual([undefined, undefined]);
  });

  it('a decrypted record: its title, the key that opened it, its plaintext and a TLS layer naming the content type', () => {
    const d = dissectStream(openedFixture(NAME).tcpStreams[0], parseKeyLog(keyLogText()));
    const [fin, get, , , alert] = d.units.filter((u) => u.topLayer === 'tls' && u.direction === 0).slice(2);
    const layer = (summary: string, type: string) => [{ name: 'TLS', summary, fields: [{ name: 'content type', value: type }] }];
    expect({ ...fin.decrypted, bytes: fin.decrypted?.bytes.length }).toEqual({ title: 'Finished (decrypted)', key: 'client handshake traffic key', bytes: 36, layers: layer('Finished, 36 bytes of plaintext', 'Handshake') });
    expect({ ...get.decrypted, bytes: get.decrypted?.bytes.length }).toEqual({ title: 'Application Data (decrypted)', key: 'client application traffic key', bytes: 79, layers: layer('Application Data, 79 bytes of plaintext', 'Application Data') });
    expect(new TextDecoder().decode(get.decrypted?.bytes).split('\r\n')[0]).toBe('GET / HTTP/1.1');
    // close_notify: level 1 (warning), description 0 (RFC 8446 §6.1)
    expect({ ...alert.decrypted, bytes: Array.from(alert.decrypted?.bytes ?? []) }).toEqual({ title: 'Alert (decrypted)', key: 'client application traffic key', bytes: [1, 0], layers: layer('Alert, 2 bytes of plaintext', 'Alert') });
  });

  it('without the key log: records after the hellos are "encrypted record", in the http phase, with nothing decrypted', () => {
    const d = dissectStream(openedFixture(NAME).tcpStreams[0], undefined);
    expect([d.protocol, d.problems, d.tls?.decryption]).toEqual(['tls', [], 'no key log']);
    const client = d.units.filter((u) => u.direction === 0);
    expect(client.map((u) => [u.label, u.phase, u.decrypted])).toEqual([
      ['ClientHello', 'tls', undefined], ['ChangeCipherSpec', 'tls', undefined],
      ...Array.from({ length: 5 }, () => ['encrypted record', 'http', undefined]),
    ]);
  });

  it('a record whose inner content type has no name is called "type N" (a heartbeat, 24, sealed with the client application traffic key)', () => {
    const stream = openedFixture(NAME).tcpStreams[0];
    const text = keyLogText();
    // the client's alert (bytes 616–640) was its fourth application-key record: seq 3
    const sealed = sealTls13(text, 'CLIENT_TRAFFIC_SECRET_0', 3, 24, Uint8Array.of(0x01));
    const client = stream.data[0].bytes;
    const bytes = new Uint8Array(616 + sealed.length);
    bytes.set(client.subarray(0, 616));
    bytes.set(sealed, 616);
    const d = dissectStream({ ...stream, data: [{ ...stream.data[0], bytes }, stream.data[1]] }, parseKeyLog(text));
    const last = d.units.filter((u) => u.topLayer === 'tls' && u.direction === 0).at(-1);
    expect([last?.start, last?.end, last?.label, last?.phase, last?.record?.innerName]).toEqual([616, 616 + 5 + 2 + 16, 'type 24', 'tls', 'type 24']);
    expect(last?.decrypted?.title).toBe('type 24 (decrypted)');
    expect(last?.decrypted?.layers).toEqual([{ name: 'TLS', summary: 'type 24, 1 bytes of plaintext', fields: [{ name: 'content type', value: '24' }] }]);
  });
});

describe('TLS records laid out by hand', () => {
  it('one record carrying two handshake messages is named by both (RFC 5246 §6.2.1: messages may share a record)', () => {
    // handshake record, two messages: EncryptedExtensions (8) with an empty extension list, ServerHelloDone (14)
    const d = dissectStream(plain(new Uint8Array(), hex('16 0303 000a 08000002 0000 0e000000')), undefined);
    expect(d.units.map((u) => [u.direction, u.label, u.record?.innerName, u.record?.handshakeTypes])).toEqual([[1, 'EncryptedExtensions, ServerHelloDone', 'EncryptedExtensions, ServerHelloDone', [8, 14]]]);
  });

  it('one direction that looks like TLS makes the connection TLS, whatever the other sent', () => {
    const d = dissectStream(plain(hex('16 0301 0004 0e000000'), new TextEncoder().encode('hello')), undefined);
    expect(d.protocol).toBe('tls');
    expect(d.units.map((u) => [u.direction, u.label, u.topLayer, u.phase])).toEqual([[0, 'ServerHelloDone', 'tls', 'tls']]);
  });

  it('a direction that loses its place is a TLS problem naming where', () => {
    // a whole record, then a header of content type 24, which TLS 1.3 does not define (RFC 8446 §5.1)
    const d = dissectStream(plain(hex('16 0303 0004 0e000000 18 0303 0001 00'), new Uint8Array()), undefined);
    expect(d.problems).toEqual([expect.stringMatching(/^TLS parse: unknown record content type 24 at stream offset 9\b/)]);
    expect(d.units.map((u) => u.label)).toEqual(['ServerHelloDone']);
  });
});

describe('DNS labels (RFC 1035 §4.1)', () => {
  // id 0x1234, QR RD RA; question example.test A IN; answers named by a pointer to the question's name (offset 12)
  const HEAD = '1234 8180 0001 0002 0000 0000 076578616d706c6504746573740000010001';
  it('an answer with two addresses lists both', () => {
    const u = dnsUnit(hex(`${HEAD} c00c 0001 0001 0000012c 0004 c0000250 c00c 0001 0001 0000012c 0004 c0000251`));
    expect(u?.label).toBe('DNS 192.0.2.80, 192.0.2.81');
  });

  it('an answer without an address (a CNAME) is named by its type, its field has no address', () => {
    // example.test CNAME www.test (3www 4test 0), then an A record for it
    const u = dnsUnit(hex(`${HEAD} c00c 0005 0001 0000012c 000a 03777777047465737400 c00c 0001 0001 0000003c 0004 c0000250`));
    expect(u?.label).toBe('DNS CNAME, 192.0.2.80');
    expect(u?.layer.fields.slice(2)).toEqual([{ name: 'answer', value: 'example.test CNAME  TTL 300 s' }, { name: 'answer', value: 'example.test A 192.0.2.80 TTL 60 s' }]);
  });
});
