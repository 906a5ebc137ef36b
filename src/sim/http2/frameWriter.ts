import { FLAG_ACK, FLAG_END_HEADERS, FLAG_END_STREAM, FRAME_HEADER_BYTES } from './frames';

/** RFC 9113 §6 type codes of the frames our endpoints send. */
export const DATA = 0;
export const HEADERS = 1;
export const RST_STREAM = 3;
export const SETTINGS = 4;
export const PING = 6;
export const GOAWAY = 7;
export const WINDOW_UPDATE = 8;

/** RFC 9113 §6.5.2 setting identifiers. */
export const SETTINGS_ENABLE_PUSH = 2;
export const SETTINGS_MAX_CONCURRENT_STREAMS = 3;
export const SETTINGS_INITIAL_WINDOW_SIZE = 4;
export const SETTINGS_MAX_FRAME_SIZE = 5;

const u32 = (v: number) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

/** §4.1: 24-bit length, type, flags, a reserved bit and a 31-bit stream identifier, then the payload. */
export function frame(type: number, flags: number, streamId: number, payload: Uint8Array | number[] = []): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
  out.set([(payload.length >> 16) & 0xff, (payload.length >> 8) & 0xff, payload.length & 0xff, type, flags, ...u32(streamId & 0x7fffffff)]);
  out.set(payload, FRAME_HEADER_BYTES);
  return out;
}

/** §6.5.1: six bytes per setting; an ACK is empty. */
export const settingsFrame = (settings: [number, number][]) => frame(SETTINGS, 0, 0, settings.flatMap(([id, value]) => [id >> 8, id & 0xff, ...u32(value)]));
export const settingsAck = () => frame(SETTINGS, FLAG_ACK, 0);
/** One block, so END_HEADERS is set: our header lists are far below the peer's frame size. */
export const headersFrame = (streamId: number, block: Uint8Array, endStream: boolean) => frame(HEADERS, FLAG_END_HEADERS | (endStream ? FLAG_END_STREAM : 0), streamId, block);
export const dataFrame = (streamId: number, data: Uint8Array, endStream: boolean) => frame(DATA, endStream ? FLAG_END_STREAM : 0, streamId, data);
export const windowUpdateFrame = (streamId: number, increment: number) => frame(WINDOW_UPDATE, 0, streamId, u32(increment & 0x7fffffff));
/** §6.7: a PING is answered with the same eight bytes and ACK. */
export const pingAck = (opaque: Uint8Array) => frame(PING, FLAG_ACK, 0, opaque);
export const goawayFrame = (lastStreamId: number, errorCode: number) => frame(GOAWAY, 0, 0, [...u32(lastStreamId & 0x7fffffff), ...u32(errorCode)]);
export const rstStreamFrame = (streamId: number, errorCode: number) => frame(RST_STREAM, 0, streamId, u32(errorCode));
