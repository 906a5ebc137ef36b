import { CLIENT_PREFACE, type Http2Frame } from './frames';
import { Http2Connection, type Http2ConnectionIo, type Http2Stream } from './connection';
import { headersFrame, SETTINGS_ENABLE_PUSH, SETTINGS_MAX_CONCURRENT_STREAMS } from './frameWriter';

export type HeaderList = [string, string][];

export interface Http2Response {
  streamId: number;
  headers: HeaderList;
  body: Uint8Array[];
  bodyLength: number;
}

export interface Http2ClientIo extends Http2ConnectionIo {
  /** The response's HEADERS arrived (its first byte, for the timing breakdown). */
  responseHeaders?(streamId: number, headers: HeaderList): void;
  /** The stream ended: all of the response is in. */
  response(r: Http2Response): void;
}

const pairs = (f: Http2Frame): HeaderList => (f.headers ?? []).map((h) => [h.name, h.value]);

/**
 * An HTTP/2 client (RFC 9113 §3.4, §8.1): the preface and its SETTINGS first, then each request
 * as HEADERS with END_STREAM on the next odd stream; it reacts to the server's SETTINGS, DATA
 * (credit back with WINDOW_UPDATE) and END_STREAM, and closes with GOAWAY.
 */
export class Http2Client extends Http2Connection {
  private nextStreamId = 1;

  /** curl's choices: no server push, up to 100 streams at once. */
  constructor(io: Http2ClientIo, settings: [number, number][] = [[SETTINGS_ENABLE_PUSH, 0], [SETTINGS_MAX_CONCURRENT_STREAMS, 100]]) {
    super('client', io, settings);
  }

  /** Queued, not sent: the preface goes out with the first requests in one write. */
  start(): void {
    this.queue(CLIENT_PREFACE);
    this.queueSettings();
  }

  /** Queues a GET; `flush()` sends it (together with whatever else is queued). */
  request(headers: HeaderList): number {
    const id = this.nextStreamId;
    this.nextStreamId += 2;
    const s = this.stream(id);
    s.localEnded = true;
    this.queue(headersFrame(id, this.hpack.encode(headers), true));
    return id;
  }

  protected headers(f: Http2Frame, s: Http2Stream): void {
    // §8.1: informational 1xx responses may precede the final one; keep the final.
    s.headers = pairs(f);
    (this.io as Http2ClientIo).responseHeaders?.(s.id, s.headers);
  }

  protected ended(s: Http2Stream): void {
    (this.io as Http2ClientIo).response({ streamId: s.id, headers: s.headers ?? [], body: s.body, bodyLength: s.bodyLength });
  }
}

export interface Http2ServerIo extends Http2ConnectionIo {
  /** A whole request (HEADERS with END_STREAM, or its DATA's END_STREAM). */
  request(streamId: number, headers: HeaderList): void;
}

/**
 * An HTTP/2 server (RFC 9113): its SETTINGS first, checks the client preface, answers each
 * request stream with HEADERS and DATA under the client's flow-control windows, and meets a
 * GOAWAY with its own.
 */
export class Http2Server extends Http2Connection {
  constructor(io: Http2ServerIo, settings: [number, number][] = [[SETTINGS_MAX_CONCURRENT_STREAMS, 100]]) {
    super('server', io, settings);
  }

  /** §3.4: the server's preface is a SETTINGS frame, its first frame; queued, so an ACK read meanwhile joins it. */
  start(): void {
    this.queueSettings();
  }

  protected headers(f: Http2Frame, s: Http2Stream): void {
    s.headers = pairs(f);
  }

  protected ended(s: Http2Stream): void {
    (this.io as Http2ServerIo).request(s.id, s.headers ?? []);
  }

  /**
   * Queues HEADERS and the body as DATA; `flush()` sends them, DATA of all ready streams taking
   * turns while the windows allow. The rest follows the client's WINDOW_UPDATEs.
   */
  respond(streamId: number, headers: HeaderList, body: Uint8Array): void {
    const s = this.stream(streamId);
    this.queue(headersFrame(streamId, this.hpack.encode(headers), body.length === 0));
    if (body.length) s.outgoing = { bytes: body, sent: 0 };
    else s.localEnded = true;
  }
}
