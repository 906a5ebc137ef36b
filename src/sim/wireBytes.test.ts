import { describe, expect, it } from 'vitest';
import { internetChecksum } from './bytes/checksum';
import { concat, fromHex, toHex } from './bytes/hex';
import type { Field } from './types';
import { findScenario } from './scenarios';
import { simulate } from './simulate';
import { SUITES13, trafficKeys } from './tls/keySchedule';
import { openRecord } from './tls/record';

const sim = simulate(findScenario('https')!);

function tcpPseudoSum(p: (typeof sim.packets)[number]): number {
  const ihl = (p.bytes[0] & 0x0f) * 4;
  const tcp = p.bytes.subarray(ihl);
  const pseudo = concat(p.bytes.subarray(12, 20), Uint8Array.of(0, 6, tcp.length >>> 8, tcp.length & 0xff));
  return internetChecksum(pseudo, tcp);
}

const flatten = (fields: Field[]): Field[] => fields.flatMap((f) => [f, ...flatten(f.children ?? [])]);

describe('packets on the wire', () => {
  it('have valid IPv4 header and TCP checksums', () => {
    for (const p of sim.packets) {
      expect(internetChecksum(p.bytes.subarray(0, 20))).toBe(0);
      expect(tcpPseudoSum(p)).toBe(0);
    }
  });

  it('carry the TCP numbers the simulator reports', () => {
    for (const p of sim.packets) {
      const v = new DataView(p.bytes.buffer, p.bytes.byteOffset);
      expect(v.getUint16(20)).toBe(p.tcp!.srcPort);
      expect(v.getUint32(24)).toBe(p.tcp!.seq);
      expect(p.bytes.length - 20 - (p.bytes[32] >> 4) * 4).toBe(p.tcp!.payloadLength);
    }
  });

  it('map every field inside the packet bytes', () => {
    for (const p of sim.packets) {
      for (const f of flatten(p.layers.flatMap((l) => l.fields))) {
        expect(f.offset, `${p.label}: ${f.name}`).toBeGreaterThanOrEqual(0);
        expect(f.offset! + f.length!, `${p.label}: ${f.name}`).toBeLessThanOrEqual(p.bytes.length);
      }
    }
  });

  it('decrypt back to the plaintext with the secrets of the key log (our own record parser)', () => {
    const secrets = new Map(sim.keyLog.trim().split('\n').map((line) => {
      const [label, , secret] = line.split(' ');
      return [label, fromHex(secret)] as const;
    }));
    expect([...secrets.keys()].sort()).toEqual(['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0', 'EXPORTER_SECRET', 'SERVER_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_TRAFFIC_SECRET_0']);
    // curl offers TLS_AES_256_GCM_SHA384 first; the server takes the client's order.
    const suite = SUITES13[0x1302];
    for (const from of ['client', 'server'] as const) {
      // Reassemble the direction's TCP byte stream, then walk its TLS records.
      const stream = concat(...sim.packets.filter((p) => p.from === from && p.tcp!.payloadLength > 0).map((p) => p.bytes.subarray(p.bytes.length - p.tcp!.payloadLength)));
      const expected = sim.packets.filter((p) => p.from === from).flatMap((p) => p.decrypted);
      const side = from === 'client' ? 'CLIENT' : 'SERVER';
      const hsKeys = trafficKeys(secrets.get(`${side}_HANDSHAKE_TRAFFIC_SECRET`)!, suite);
      const apKeys = trafficKeys(secrets.get(`${side}_TRAFFIC_SECRET_0`)!, suite);
      let handshakeDone = false;
      let at = 0;
      let hsSeq = 0;
      let apSeq = 0;
      const opened: string[] = [];
      while (at < stream.length) {
        const len = (stream[at + 3] << 8) | stream[at + 4];
        const record = stream.subarray(at, at + 5 + len);
        if (record[0] === 23) {
          // Handshake records come first; the first that the handshake key does not open is application data.
          let content: Uint8Array | undefined;
          if (!handshakeDone) {
            try {
              content = openRecord(hsKeys, hsSeq, record).content;
              hsSeq++;
            } catch {
              handshakeDone = true;
            }
          }
          content ??= openRecord(apKeys, apSeq++, record).content;
          opened.push(toHex(content));
        }
        at += 5 + len;
      }
      expect(at).toBe(stream.length);
      expect(opened).toEqual(expected.map((d) => toHex(d.bytes)));
      expect(opened.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives the same bytes for the same seed and different bytes for another', () => {
    const again = simulate(findScenario('https')!);
    expect(again.packets.map((p) => toHex(p.bytes))).toEqual(sim.packets.map((p) => toHex(p.bytes)));
    const other = simulate({ ...findScenario('https')!, seed: 1 });
    expect(toHex(other.packets[3].bytes)).not.toBe(toHex(sim.packets[3].bytes));
  });
});
