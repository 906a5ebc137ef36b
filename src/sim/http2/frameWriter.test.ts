import { describe, expect, it } from 'vitest';
import { recordedH2c } from '../../../tests/support/http2Oracle';
import { fromHex, toHex } from '../bytes/hex';
import { parseHttp2 } from './frames';
import { dataFrame, goawayFrame, headersFrame, pingAck, rstStreamFrame, settingsAck, settingsFrame, windowUpdateFrame } from './frameWriter';

// The oracle: the frames nghttp2 (Node's http2) wrote on a real connection, as tshark read them
// (tests/fixtures/captures/h2c-frames.pcapng). Each frame our endpoints can send is written again
// from tshark's fields and must come out byte for byte.
const recording = recordedH2c();
const tshark = [...recording.frames.filter((f) => f.direction === 'up'), ...recording.frames.filter((f) => f.direction === 'down')];
/** The real frames cut out by the reader, in tshark's order (made when called: see frames.recorded.test). */
const realFrames = () => [...parseHttp2(fromHex(recording.up), 'client').frames, ...parseHttp2(fromHex(recording.down), 'server').frames].map((f, i) => ({ wire: toHex(f.bytes), payload: f.bytes.subarray(9), t: tshark[i] }));

describe('HTTP/2 frame writer, byte for byte against nghttp2', () => {
  it('writes each kind of frame our endpoints send as nghttp2 wrote it', () => {
    const kinds = new Set<string>();
    for (const { wire, payload, t } of realFrames()) {
      let ours: Uint8Array | undefined;
      if (t.type === 4 && t.flags & 1) ours = settingsAck();
      else if (t.type === 4) ours = settingsFrame((t.settings ?? []).map((s) => [s.id, s.value]));
      else if (t.type === 0 && t.padLength === undefined) ours = dataFrame(t.streamId, payload, (t.flags & 1) === 1);
      else if (t.type === 1 && t.flags === 0x5) ours = headersFrame(t.streamId, payload, true);
      else if (t.type === 8) ours = windowUpdateFrame(t.streamId, t.windowIncrement ?? -1);
      else if (t.type === 6 && t.flags & 1) ours = pingAck(payload);
      else if (t.type === 7) ours = goawayFrame(t.lastStreamId ?? -1, t.errorCode ?? -1);
      else if (t.type === 3) ours = rstStreamFrame(t.streamId, t.errorCode ?? -1);
      if (!ours) continue;
      kinds.add(`${t.type}/${t.flags}`);
      expect(toHex(ours)).toBe(wire);
    }
    // DATA, HEADERS with END_STREAM, RST_STREAM, SETTINGS and its ACK, PING ACK, GOAWAY, WINDOW_UPDATE.
    expect([...kinds].sort()).toEqual(['0/0', '1/5', '3/0', '4/0', '4/1', '6/1', '7/0', '8/0']);
  });

  it('writes the 24-bit length, masks the reserved bit and the stream id to 31 bits (§4.1)', () => {
    expect(toHex(dataFrame(0x7fffffff, new Uint8Array(0x010203), false)).slice(0, 18)).toBe('010203' + '00' + '00' + '7fffffff');
    expect(toHex(dataFrame(0xffffffff, new Uint8Array(1), true))).toBe('00000100017fffffff00');
    expect(toHex(headersFrame(3, Uint8Array.of(0x82), false))).toBe('000001010400000003' + '82');
    expect(toHex(windowUpdateFrame(1, 0x80000001))).toBe('000004080000000001' + '00000001');
    expect(toHex(goawayFrame(0x80000005, 0xffffffff))).toBe('000008070000000000' + '00000005ffffffff');
    expect(toHex(settingsFrame([[0x1234, 0xfedcba98]]))).toBe('000006040000000000' + '1234fedcba98');
  });
});
