import { concat } from '../sim/bytes/hex';
import type { Packet, Simulation } from '../sim/types';

/**
 * pcapng (draft-ietf-opsawg-pcapng): one Section Header, one raw-IPv4 interface, a
 * Decryption Secrets Block with the TLS key log (so Wireshark decrypts with no setup),
 * then one Enhanced Packet Block per packet the capture point saw, at the time it saw it.
 */
const SHB = 0x0a0d0d0a;
const IDB = 0x00000001;
const EPB = 0x00000006;
const DSB = 0x0000000a;
const LINKTYPE_RAW = 101;
const SECRETS_TLS_KEY_LOG = 0x544c534b;
const OPT_END = 0;
const OPT_COMMENT = 1;
const IF_NAME = 2;
const IF_TSRESOL = 9;
const SHB_USERAPPL = 4;

/** Simulated time 0 is placed at 2026-01-01T00:00:00Z: fixed, so the file is the same every run. */
export const CAPTURE_EPOCH_S = 1_767_225_600;

const pad4 = (n: number) => (4 - (n % 4)) % 4;

class LittleEndian {
  private chunks: Uint8Array[] = [];
  u16(v: number) {
    this.chunks.push(Uint8Array.of(v & 0xff, (v >>> 8) & 0xff));
  }
  u32(v: number) {
    this.chunks.push(Uint8Array.of(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff));
  }
  bytes(b: Uint8Array) {
    this.chunks.push(b, new Uint8Array(pad4(b.length)));
  }
  option(code: number, value: Uint8Array) {
    this.u16(code);
    this.u16(value.length);
    this.bytes(value);
  }
  finish(): Uint8Array {
    return concat(...this.chunks);
  }
}

function block(type: number, body: (w: LittleEndian) => void): Uint8Array {
  const inner = new LittleEndian();
  body(inner);
  const content = inner.finish();
  const w = new LittleEndian();
  const total = 12 + content.length;
  w.u32(type);
  w.u32(total);
  w.bytes(content);
  w.u32(total);
  return w.finish();
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export function writePcapng(sim: Simulation, options: { embedSecrets?: boolean } = {}): Uint8Array {
  const blocks: Uint8Array[] = [];
  blocks.push(
    block(SHB, (w) => {
      w.u32(0x1a2b3c4d);
      w.u16(1);
      w.u16(0);
      w.u32(0xffffffff); // section length unknown (-1)
      w.u32(0xffffffff);
      w.option(SHB_USERAPPL, utf8('wirescene'));
      w.u32(OPT_END);
    }),
  );
  blocks.push(
    block(IDB, (w) => {
      w.u16(LINKTYPE_RAW);
      w.u16(0);
      w.u32(0); // no snap length limit
      w.option(IF_NAME, utf8('wirescene link'));
      w.option(IF_TSRESOL, Uint8Array.of(6)); // microseconds
      w.u32(OPT_END);
    }),
  );
  const secrets = utf8(sim.keyLog);
  if (options.embedSecrets !== false) blocks.push(
    block(DSB, (w) => {
      w.u32(SECRETS_TLS_KEY_LOG);
      w.u32(secrets.length);
      w.bytes(secrets);
    }),
  );
  for (const p of capturedPackets(sim)) {
    const us = BigInt(CAPTURE_EPOCH_S) * 1_000_000n + BigInt(p.captureUs!);
    blocks.push(
      block(EPB, (w) => {
        w.u32(0);
        w.u32(Number(us >> 32n));
        w.u32(Number(us & 0xffffffffn));
        w.u32(p.bytes.length);
        w.u32(p.bytes.length);
        w.bytes(p.bytes);
        w.option(OPT_COMMENT, utf8(`${p.from} → ${p.to}: ${p.label}${p.retransmission ? ' (retransmission)' : ''}`));
        w.u32(OPT_END);
      }),
    );
  }
  return concat(...blocks);
}

/**
 * The packets the scenario's capture point saw, in the order it saw them: at the client
 * (the default) a lost packet from the server never appears, a lost one from the client does.
 */
export function capturedPackets(sim: Simulation): Packet[] {
  return sim.packets
    .filter((p) => p.captureUs !== undefined)
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.captureUs! - b.p.captureUs! || a.i - b.i)
    .map(({ p }) => p);
}
