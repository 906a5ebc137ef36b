import type { Field } from '../types';
import { type HeaderField, HpackDecoder } from './hpack';

/** RFC 9113 §3.4: what a client sends first, before any frame. */
export const CLIENT_PREFACE = new TextEncoder().encode('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
export const FRAME_HEADER_BYTES = 9;

/** RFC 9113 §6 frame types. */
export const FRAME_TYPES = ['DATA', 'HEADERS', 'PRIORITY', 'RST_STREAM', 'SETTINGS', 'PUSH_PROMISE', 'PING', 'GOAWAY', 'WINDOW_UPDATE', 'CONTINUATION'] as const;
const SETTINGS_NAMES: Record<number, string> = { 1: 'HEADER_TABLE_SIZE', 2: 'ENABLE_PUSH', 3: 'MAX_CONCURRENT_STREAMS', 4: 'INITIAL_WINDOW_SIZE', 5: 'MAX_FRAME_SIZE', 6: 'MAX_HEADER_LIST_SIZE', 8: 'ENABLE_CONNECT_PROTOCOL', 9: 'NO_RFC7540_PRIORITIES' };
const ERROR_NAMES = ['NO_ERROR', 'PROTOCOL_ERROR', 'INTERNAL_ERROR', 'FLOW_CONTROL_ERROR', 'SETTINGS_TIMEOUT', 'STREAM_CLOSED', 'FRAME_SIZE_ERROR', 'REFUSED_STREAM', 'CANCEL', 'COMPRESSION_ERROR', 'CONNECT_ERROR', 'ENHANCE_YOUR_CALM', 'INADEQUATE_SECURITY', 'HTTP_1_1_REQUIRED'];

export const FLAG_END_STREAM = 0x1;
export const FLAG_ACK = 0x1;
export const FLAG_END_HEADERS = 0x4;
export const FLAG_PADDED = 0x8;
export const FLAG_PRIORITY = 0x20;

export interface Http2Frame {
  /** Byte offset of the frame header in this direction's stream (after the preface, if any, counted). */
  offset: number;
  type: number;
  typeName: string;
  flags: number;
  streamId: number;
  /** The 9-byte header and the payload. */
  bytes: Uint8Array;
  /** HEADERS / PUSH_PROMISE, once the block is complete (END_HEADERS here or on a CONTINUATION). */
  headers?: HeaderField[];
  /** DATA: the payload without padding. */
  data?: Uint8Array;
  settings?: { id: number; name: string; value: number }[];
  errorCode?: number;
  windowIncrement?: number;
  /** "HEADERS stream 1: GET /", "DATA stream 1, 512 bytes, END_STREAM". */
  summary: string;
  /** Offsets from the start of the frame. */
  fields: Field[];
}

export interface Http2Preface {
  offset: number;
  bytes: Uint8Array;
}

export type Http2Parsed = { frames: Http2Frame[]; preface?: Http2Preface; error?: string };

export function errorName(code: number): string {
  return ERROR_NAMES[code] ?? `0x${code.toString(16)}`;
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
}

function flagNames(type: number, flags: number): string[] {
  const names: string[] = [];
  if ((type === 0 || type === 1) && flags & FLAG_END_STREAM) names.push('END_STREAM');
  if ((type === 4 || type === 6) && flags & FLAG_ACK) names.push('ACK');
  if ((type === 1 || type === 5 || type === 9) && flags & FLAG_END_HEADERS) names.push('END_HEADERS');
  if ((type === 0 || type === 1 || type === 5) && flags & FLAG_PADDED) names.push('PADDED');
  if (type === 1 && flags & FLAG_PRIORITY) names.push('PRIORITY');
  return names;
}

/**
 * Reads one direction of an HTTP/2 connection as its bytes arrive (in order, e.g. decrypted TLS
 * application data). Keeps the HPACK context and joins CONTINUATION frames to their HEADERS.
 * Never throws: a malformed frame stops the direction with an error naming it.
 */
export class Http2Reader {
  private buffered = new Uint8Array(0);
  private consumed = 0;
  private prefacePending: boolean;
  private readonly hpack = new HpackDecoder();
  private pendingBlock?: { frame: Http2Frame; parts: Uint8Array[] };
  private failed?: string;

  constructor(readonly side: 'client' | 'server') {
    this.prefacePending = side === 'client';
  }

  push(bytes: Uint8Array): Http2Parsed {
    const out: Http2Parsed = { frames: [] };
    if (this.failed) return out;
    const joined = new Uint8Array(this.buffered.length + bytes.length);
    joined.set(this.buffered);
    joined.set(bytes, this.buffered.length);
    let pos = 0;
    if (this.prefacePending) {
      if (joined.length < CLIENT_PREFACE.length) {
        this.buffered = joined;
        return out;
      }
      if (!CLIENT_PREFACE.every((b, i) => joined[i] === b)) return this.fail(out, 'HTTP/2: the client did not start with the connection preface "PRI * HTTP/2.0" (RFC 9113 §3.4)');
      out.preface = { offset: this.consumed, bytes: joined.slice(0, CLIENT_PREFACE.length) };
      pos = CLIENT_PREFACE.length;
      this.prefacePending = false;
    }
    while (joined.length - pos >= FRAME_HEADER_BYTES) {
      const length = (joined[pos] << 16) | (joined[pos + 1] << 8) | joined[pos + 2];
      if (length > 16_777_215 - FRAME_HEADER_BYTES) return this.fail(out, `HTTP/2: frame at byte ${this.consumed + pos} is too long`);
      if (joined.length - pos < FRAME_HEADER_BYTES + length) break;
      const frameBytes = joined.slice(pos, pos + FRAME_HEADER_BYTES + length);
      const parsed = this.frame(frameBytes, this.consumed + pos);
      if (typeof parsed === 'string') return this.fail(out, parsed);
      out.frames.push(parsed);
      pos += FRAME_HEADER_BYTES + length;
    }
    this.buffered = joined.slice(pos);
    this.consumed += pos;
    return out;
  }

  /** Bytes received but not yet a whole frame. */
  get pendingBytes(): number {
    return this.buffered.length;
  }

  private fail(out: Http2Parsed, error: string): Http2Parsed {
    this.failed = error;
    out.error = error;
    return out;
  }

  private frame(b: Uint8Array, offset: number): Http2Frame | string {
    const length = b.length - FRAME_HEADER_BYTES;
    const type = b[3];
    const flags = b[4];
    const streamId = u32(b, 5) & 0x7fffffff;
    const typeName = FRAME_TYPES[type] ?? `UNKNOWN(0x${type.toString(16)})`;
    const flagList = flagNames(type, flags);
    const where = `HTTP/2 ${typeName} frame at byte ${offset}`;
    const fields: Field[] = [
      { name: 'Length', value: String(length), offset: 0, length: 3 },
      { name: 'Type', value: `${typeName} (${type})`, offset: 3, length: 1 },
      { name: 'Flags', value: `0x${flags.toString(16).padStart(2, '0')}${flagList.length ? ` ${flagList.join(', ')}` : ''}`, offset: 4, length: 1 },
      { name: 'Stream Identifier', value: String(streamId), offset: 5, length: 4 },
    ];
    const frame: Http2Frame = { offset, type, typeName, flags, streamId, bytes: b, summary: '', fields };
    const flagText = flagList.length ? `, ${flagList.join(', ')}` : '';
    let body = FRAME_HEADER_BYTES;
    let end = b.length;
    if (this.pendingBlock && type !== 9) return `${where}: a CONTINUATION was expected (RFC 9113 §6.10)`;
    if ((type === 0 || type === 1 || type === 5) && flags & FLAG_PADDED) {
      if (length < 1) return `${where}: PADDED with no pad length byte`;
      const pad = b[body];
      fields.push({ name: 'Pad Length', value: String(pad), offset: body, length: 1 });
      body++;
      end -= pad;
      if (end < body) return `${where}: padding (${pad}) is longer than the payload`;
    }
    switch (type) {
      case 0: {
        frame.data = b.slice(body, end);
        fields.push({ name: 'Data', value: `${end - body} bytes`, offset: body, length: end - body });
        frame.summary = `DATA stream ${streamId}, ${end - body} bytes${flagText}`;
        break;
      }
      case 1:
      case 5: {
        if (type === 1 && flags & FLAG_PRIORITY) {
          if (end - body < 5) return `${where}: PRIORITY flag set but the payload is too short`;
          fields.push({ name: 'Stream Dependency', value: String(u32(b, body) & 0x7fffffff), offset: body, length: 4 }, { name: 'Weight', value: String(b[body + 4] + 1), offset: body + 4, length: 1 });
          body += 5;
        }
        if (type === 5) {
          if (end - body < 4) return `${where}: no promised stream id`;
          fields.push({ name: 'Promised Stream ID', value: String(u32(b, body) & 0x7fffffff), offset: body, length: 4 });
          body += 4;
        }
        fields.push({ name: 'Header Block Fragment', value: `${end - body} bytes`, offset: body, length: end - body });
        this.pendingBlock = { frame, parts: [b.slice(body, end)] };
        frame.summary = `${typeName} stream ${streamId}${flagText}`;
        if (flags & FLAG_END_HEADERS) {
          const error = this.finishBlock(where);
          if (error) return error;
        }
        break;
      }
      case 9: {
        if (!this.pendingBlock) return `${where}: CONTINUATION without a HEADERS before it`;
        this.pendingBlock.parts.push(b.slice(body, end));
        fields.push({ name: 'Header Block Fragment', value: `${end - body} bytes`, offset: body, length: end - body });
        frame.summary = `CONTINUATION stream ${streamId}${flagText}`;
        if (flags & FLAG_END_HEADERS) {
          const error = this.finishBlock(where);
          if (error) return error;
        }
        break;
      }
      case 2:
        frame.summary = `PRIORITY stream ${streamId}`;
        break;
      case 3:
        if (length !== 4) return `${where}: RST_STREAM must be 4 bytes, is ${length}`;
        frame.errorCode = u32(b, body);
        fields.push({ name: 'Error Code', value: errorName(frame.errorCode), offset: body, length: 4 });
        frame.summary = `RST_STREAM stream ${streamId}, ${errorName(frame.errorCode)}`;
        break;
      case 4: {
        if (length % 6) return `${where}: SETTINGS length ${length} is not a multiple of 6`;
        frame.settings = [];
        for (let at = body; at < end; at += 6) {
          const id = (b[at] << 8) | b[at + 1];
          const setting = { id, name: SETTINGS_NAMES[id] ?? `0x${id.toString(16)}`, value: u32(b, at + 2) };
          frame.settings.push(setting);
          fields.push({ name: setting.name, value: String(setting.value), offset: at, length: 6 });
        }
        frame.summary = flags & FLAG_ACK ? 'SETTINGS ACK' : `SETTINGS${frame.settings.length ? ` ${frame.settings.map((s) => `${s.name}=${s.value}`).join(', ')}` : ''}`;
        break;
      }
      case 6:
        frame.summary = flags & FLAG_ACK ? 'PING ACK' : 'PING';
        fields.push({ name: 'Opaque Data', value: `${length} bytes`, offset: body, length });
        break;
      case 7:
        if (length < 8) return `${where}: GOAWAY needs 8 bytes, has ${length}`;
        frame.errorCode = u32(b, body + 4);
        fields.push({ name: 'Last-Stream-ID', value: String(u32(b, body) & 0x7fffffff), offset: body, length: 4 }, { name: 'Error Code', value: errorName(frame.errorCode), offset: body + 4, length: 4 });
        frame.summary = `GOAWAY ${errorName(frame.errorCode)}`;
        break;
      case 8:
        if (length !== 4) return `${where}: WINDOW_UPDATE must be 4 bytes, is ${length}`;
        frame.windowIncrement = u32(b, body) & 0x7fffffff;
        fields.push({ name: 'Window Size Increment', value: String(frame.windowIncrement), offset: body, length: 4 });
        frame.summary = `WINDOW_UPDATE stream ${streamId}, +${frame.windowIncrement}`;
        break;
      default:
        // RFC 9113 §4.1: unknown types are ignored, not errors.
        frame.summary = `${typeName} stream ${streamId}, ${length} bytes`;
    }
    return frame;
  }

  private finishBlock(where: string): string | undefined {
    const pending = this.pendingBlock;
    if (!pending) return undefined;
    this.pendingBlock = undefined;
    const total = pending.parts.reduce((n, p) => n + p.length, 0);
    const block = new Uint8Array(total);
    let at = 0;
    for (const p of pending.parts) {
      block.set(p, at);
      at += p.length;
    }
    const result = this.hpack.decode(block);
    if (!result.ok) return `${where}: ${result.error}`;
    const head = pending.frame;
    head.headers = result.headers;
    const pseudo = (n: string) => result.headers.find((h) => h.name === n)?.value;
    const what = pseudo(':method') ? `${pseudo(':method')} ${pseudo(':path') ?? ''}` : pseudo(':status') ? `${pseudo(':status')}` : `${result.headers.length} fields`;
    head.summary = `${head.summary.split(',')[0]}: ${what}${head.summary.includes(',') ? head.summary.slice(head.summary.indexOf(',')) : ''}`;
    head.fields.push({ name: 'Header Block', value: `${result.headers.length} fields`, children: result.headers.map((h) => ({ name: h.name, value: h.value, note: h.representation })) });
    return undefined;
  }
}

/** Both directions of one connection: parse all of each (for tests and tools). */
export function parseHttp2(bytes: Uint8Array, side: 'client' | 'server'): Http2Parsed {
  return new Http2Reader(side).push(bytes);
}
