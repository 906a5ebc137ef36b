import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePcapng } from '../export/pcapng';
import { findScenario } from './scenarios';
import { simulate } from './simulate';
import { type AesGcmSeal, useAesGcm } from './tls/aesGcm';
import { nodeAesGcm } from './tls/nodeAesGcm';

/**
 * A response of 37 records is sealed late (tls/lateSeal): our client takes their plaintext without
 * opening them, and the bytes are sealed only when the capture is written. The oracle is tshark:
 * with the key log the capture embeds it must open every record and hand back the very body the
 * server wrote, through random loss and retransmissions in both directions.
 */
const hasTshark = spawnSync('tshark', ['--version']).status === 0;

describe.skipIf(!hasTshark)('records sealed late, as Wireshark reads them', { timeout: 180_000 }, () => {
  it('a 600 kB response over a 2 % lossy link: no malformed packet, and the body tshark decrypts and reassembles is the one the server sent', () => {
    const bulk = findScenario('bulk')!;
    let opened = 0;
    const counting: AesGcmSeal = (key, nonce, aad, plaintext) => nodeAesGcm(key, nonce, aad, plaintext);
    counting.open = (key, nonce, aad, sealed) => ((opened += sealed.length > 16_000 ? 1 : 0), nodeAesGcm.open!(key, nonce, aad, sealed));
    useAesGcm(counting);
    const sim = simulate({ ...bulk, http: { ...bulk.http!, bodyBytes: 600_000 }, link: { ...bulk.link, lossRate: 0.02 } });
    useAesGcm(undefined);
    // The handshake's records, the request, tickets and close_notify are opened; none of the response's 36 full records.
    expect(opened).toBe(0);
    expect(sim.packets.some((p) => p.retransmission)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'wirescene-late-'));
    const file = join(dir, 'late.pcapng');
    writeFileSync(file, writePcapng(sim));
    // The capture is the client's: a lost segment is missing until its retransmission, so reassemble out of order.
    const options = ['-r', file, '-o', 'tcp.check_checksum:TRUE', '-o', 'tcp.reassemble_out_of_order:TRUE'];
    const fields = (filter: string, ...names: string[]) =>
      execFileSync('tshark', [...options, '-Y', filter, '-T', 'fields', ...names.flatMap((n) => ['-e', n])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .split('\n')
        .filter((l) => l.trim() !== '');
    expect(fields('_ws.malformed', 'frame.number')).toEqual([]);
    expect(fields('http.response', 'http.response.code', 'http.content_length')).toEqual(['200\t600000']);
    // What the server wrote: the response's records in plaintext, as the trace keeps them.
    const response = sim.packets.filter((p) => p.from === 'server' && !p.retransmission).flatMap((p) => p.decrypted.filter((d) => d.title.startsWith('200 OK (record')).map((d) => d.bytes));
    const wrote = Buffer.concat(response);
    const body = wrote.subarray(wrote.indexOf('\r\n\r\n') + 4);
    expect(body.length).toBe(600_000);
    const out = join(dir, 'objects');
    execFileSync('tshark', [...options, '-q', '--export-objects', `http,${out}`], { stdio: 'ignore' });
    const exported = readdirSync(out);
    expect(exported).toHaveLength(1);
    expect(readFileSync(join(out, exported[0])).equals(body)).toBe(true);
  });
});
