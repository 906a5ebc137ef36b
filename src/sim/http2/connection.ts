import { concat } from '../bytes/hex';
import { shiftFields } from '../bytes/writer';
import type { Field, Layer } from '../types';
import { FLAG_ACK, FLAG_END_HEADERS, FLAG_END_STREAM, FRAME_HEADER_BYTES, type Http2Frame, Http2Reader } from './frames';
import { dataFrame, goawayFrame, pingAck, SETTINGS_INITIAL_WINDOW_SIZE, SETTINGS_MAX_FRAME_SIZE, settingsAck, settingsFrame, windowUpdateFrame } from './frameWriter';
import { HpackEncoder } from './hpackEncoder';

/** §6.9.2 and §6.5.2: what both sides assume until a SETTINGS says otherwise. */
export const DEFAULT_WINDOW = 65_535;
const DEFAULT_MAX_FRAME = 16_384;
const PROTOCOL_ERROR = 1;
const COMPRESSION_ERROR = 9;

/** One write of frames, as the TLS layer carries it: the bytes, what they are, and a short name for the picture. */
export interface Http2Write {
  bytes: Uint8Array;
  frames: Http2Frame[];
  /** "Preface, SETTINGS, HEADERS 1: GET /, HEADERS 3: GET /app.css"; the log and the sprite read it. */
  label: string;
  /** The HTTP/2 layer of the inspector: each frame with its header fields and decoded header list. */
  layer: Layer;
}

export interface Http2ConnectionIo {
  write(w: Http2Write): void;
  /** Every frame the peer sent, as parsed, in order. */
  received?(frame: Http2Frame): void;
  /** The peer broke the protocol; we answered with GOAWAY. */
  error?(reason: string): void;
  goaway?(frame: Http2Frame): void;
}

export interface Http2Stream {
  id: number;
  /** What the peer lets us send on this stream (§6.9). */
  sendWindow: number;
  /** DATA received since our last WINDOW_UPDATE for this stream. */
  unacknowledged: number;
  headers?: [string, string][];
  body: Uint8Array[];
  bodyLength: number;
  /** Our DATA still to send, and whether END_STREAM goes with its last byte. */
  outgoing?: { bytes: Uint8Array; sent: number };
  remoteEnded: boolean;
  localEnded: boolean;
}

/**
 * What both HTTP/2 endpoints share (RFC 9113): parse what arrives, answer SETTINGS with an ACK
 * and PING with a PING ACK, keep both directions' flow-control windows, send DATA only as far
 * as the peer's windows and frame size allow, and collect the frames one input provokes into one
 * write (as nghttp2 does: read everything, then send everything).
 */
export abstract class Http2Connection {
  protected readonly streams = new Map<number, Http2Stream>();
  protected readonly hpack = new HpackEncoder();
  private readonly reader: Http2Reader;
  /** Re-reads our own bytes for the field map, with the HPACK context the peer has. */
  private readonly shown: Http2Reader;
  private queued: Uint8Array[] = [];
  private sentBytes = 0;
  private peerInitialWindow = DEFAULT_WINDOW;
  private peerMaxFrame = DEFAULT_MAX_FRAME;
  private sendWindow = DEFAULT_WINDOW;
  private connectionUnacknowledged = 0;
  /** A HEADERS whose block goes on in CONTINUATION frames (§6.10): its header list is known at END_HEADERS. */
  private openHeaderBlock?: Http2Frame;
  protected closed = false;

  constructor(
    protected readonly role: 'client' | 'server',
    protected readonly io: Http2ConnectionIo,
    /** What we announce in our SETTINGS: [identifier, value]. */
    protected readonly settings: [number, number][],
  ) {
    this.reader = new Http2Reader(role === 'client' ? 'server' : 'client');
    this.shown = new Http2Reader(role);
  }

  /** Our receive window per stream: INITIAL_WINDOW_SIZE if we announce one (§6.5.2). */
  private get localInitialWindow(): number {
    return this.settings.find(([id]) => id === SETTINGS_INITIAL_WINDOW_SIZE)?.[1] ?? DEFAULT_WINDOW;
  }

  receive(bytes: Uint8Array): void {
    if (this.closed) return;
    const parsed = this.reader.push(bytes);
    for (const f of parsed.frames) {
      this.io.received?.(f);
      this.handle(f);
    }
    if (parsed.error) {
      // §5.4.1: a connection error is a GOAWAY with the last stream we processed, then close.
      this.queue(goawayFrame(this.lastPeerStream(), parsed.error.includes('HPACK') ? COMPRESSION_ERROR : PROTOCOL_ERROR));
      this.closed = true;
      this.flush();
      this.io.error?.(parsed.error);
      return;
    }
    this.flush();
  }

  /** §6.8: "no new streams after the last one I processed"; error 0 is a graceful close. */
  goAway(): void {
    this.queue(goawayFrame(this.lastPeerStream(), 0));
    this.flush();
  }

  protected abstract headers(f: Http2Frame, stream: Http2Stream): void;
  protected abstract ended(stream: Http2Stream): void;

  protected stream(id: number): Http2Stream {
    let s = this.streams.get(id);
    if (!s) {
      s = { id, sendWindow: this.peerInitialWindow, unacknowledged: 0, body: [], bodyLength: 0, remoteEnded: false, localEnded: false };
      this.streams.set(id, s);
    }
    return s;
  }

  protected queue(frame: Uint8Array): void {
    this.queued.push(frame);
  }

  protected queueSettings(): void {
    this.queue(settingsFrame(this.settings));
  }

  /** Streams the peer opened: even for a server push, odd for client requests (§5.1.1). */
  private lastPeerStream(): number {
    const theirs = [...this.streams.keys()].filter((id) => id % 2 === (this.role === 'server' ? 1 : 0));
    return theirs.length ? Math.max(...theirs) : 0;
  }

  private handle(f: Http2Frame): void {
    if (f.typeName === 'SETTINGS') {
      if (f.flags & FLAG_ACK) return;
      for (const s of f.settings ?? []) {
        if (s.id === SETTINGS_INITIAL_WINDOW_SIZE) {
          // §6.9.2: a new initial window moves every open stream's window by the difference.
          for (const st of this.streams.values()) st.sendWindow += s.value - this.peerInitialWindow;
          this.peerInitialWindow = s.value;
        }
        if (s.id === SETTINGS_MAX_FRAME_SIZE) this.peerMaxFrame = s.value;
      }
      this.queue(settingsAck());
    } else if (f.typeName === 'PING') {
      if (!(f.flags & FLAG_ACK)) this.queue(pingAck(f.bytes.subarray(FRAME_HEADER_BYTES)));
    } else if (f.typeName === 'WINDOW_UPDATE') {
      if (f.streamId === 0) this.sendWindow += f.windowIncrement ?? 0;
      else this.stream(f.streamId).sendWindow += f.windowIncrement ?? 0;
    } else if (f.typeName === 'HEADERS') {
      if (f.flags & FLAG_END_HEADERS) this.headerBlock(f);
      else this.openHeaderBlock = f;
    } else if (f.typeName === 'CONTINUATION') {
      // The reader joins the fragments and puts the list on the HEADERS frame; END_STREAM is on that frame too.
      const head = this.openHeaderBlock;
      if (head && f.flags & FLAG_END_HEADERS) {
        this.openHeaderBlock = undefined;
        this.headerBlock(head);
      }
    } else if (f.typeName === 'DATA') {
      const s = this.stream(f.streamId);
      s.body.push(f.data ?? new Uint8Array(0));
      s.bodyLength += f.data?.length ?? 0;
      this.consumed(s, f.bytes.length - FRAME_HEADER_BYTES, (f.flags & FLAG_END_STREAM) !== 0);
      if (f.flags & FLAG_END_STREAM) this.end(s);
    } else if (f.typeName === 'RST_STREAM') {
      const s = this.stream(f.streamId);
      s.remoteEnded = s.localEnded = true;
      s.outgoing = undefined;
    } else if (f.typeName === 'GOAWAY') {
      this.io.goaway?.(f);
    }
  }

  private headerBlock(f: Http2Frame): void {
    const s = this.stream(f.streamId);
    this.headers(f, s);
    if (f.flags & FLAG_END_STREAM) this.end(s);
  }

  private end(s: Http2Stream): void {
    s.remoteEnded = true;
    this.ended(s);
  }

  /**
   * §6.9.1: the whole DATA payload counts against both windows. Like nghttp2, give credit back
   * once half a window has been consumed, for the connection and for a stream still open.
   */
  private consumed(s: Http2Stream, n: number, lastOfStream: boolean): void {
    this.connectionUnacknowledged += n;
    s.unacknowledged += n;
    if (this.connectionUnacknowledged >= DEFAULT_WINDOW / 2) {
      this.queue(windowUpdateFrame(0, this.connectionUnacknowledged));
      this.connectionUnacknowledged = 0;
    }
    if (s.unacknowledged >= this.localInitialWindow / 2 && !lastOfStream) {
      this.queue(windowUpdateFrame(s.id, s.unacknowledged));
      s.unacknowledged = 0;
    }
  }

  /** DATA frames, one stream after another in turn, while the windows allow (§6.9). */
  private pump(): void {
    for (;;) {
      let progressed = false;
      for (const s of this.streams.values()) {
        const out = s.outgoing;
        if (!out) continue;
        const left = out.bytes.length - out.sent;
        const size = Math.min(left, this.peerMaxFrame, this.sendWindow, s.sendWindow);
        if (size <= 0 && left > 0) continue;
        const last = size === left;
        this.queue(dataFrame(s.id, out.bytes.subarray(out.sent, out.sent + size), last));
        out.sent += size;
        this.sendWindow -= size;
        s.sendWindow -= size;
        progressed = true;
        if (last) {
          s.outgoing = undefined;
          s.localEnded = true;
        }
      }
      if (!progressed) return;
    }
  }

  /** Everything queued, and the DATA the windows allow, goes out as one write. */
  flush(): void {
    this.pump();
    if (!this.queued.length) return;
    const bytes = this.queued.length === 1 ? this.queued[0] : concat(...this.queued);
    this.queued = [];
    const parsed = this.shown.push(bytes);
    const start = this.sentBytes;
    this.sentBytes += bytes.length;
    const fields: Field[] = [];
    if (parsed.preface) fields.push({ name: 'Connection preface', value: 'PRI * HTTP/2.0', offset: parsed.preface.offset - start, length: parsed.preface.bytes.length, note: 'the client confirms it speaks HTTP/2 before any frame (RFC 9113 §3.4)' });
    for (const f of parsed.frames) fields.push({ name: f.summary, value: `${f.bytes.length} bytes`, offset: f.offset - start, length: f.bytes.length, children: shiftFields(f.fields, f.offset - start) });
    const label = writeLabel(parsed.frames, !!parsed.preface);
    this.io.write({ bytes, frames: parsed.frames, label, layer: { name: 'HTTP/2', summary: parsed.frames.map((f) => f.summary).join('; '), fields } });
  }
}

/** Short enough for a packet's sprite: "HEADERS 1: GET /", runs of the same frame counted ("DATA 1 ×4"). */
export function writeLabel(frames: Http2Frame[], preface: boolean): string {
  const names: string[] = preface ? ['Preface'] : [];
  let last = '';
  let run = 0;
  const close = () => {
    if (run) names.push(run > 1 ? `${last} ×${run}` : last);
  };
  for (const f of frames) {
    const what = f.typeName === 'HEADERS' ? f.summary.slice(f.summary.indexOf(':')).split(',')[0] : '';
    const name = f.streamId ? `${f.typeName} ${f.streamId}${what}` : f.summary.startsWith('SETTINGS ACK') ? 'SETTINGS ACK' : f.typeName;
    if (name === last) run++;
    else {
      close();
      last = name;
      run = 1;
    }
  }
  close();
  return names.join(', ');
}
