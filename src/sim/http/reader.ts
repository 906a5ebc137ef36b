/**
 * Reads HTTP/1.1 messages off a byte stream (RFC 9112 §6): the header block up to the empty
 * line, then a body of Content-Length bytes (none if absent: our requests are GETs). Each
 * message is handed on once its last byte is in, with when its first byte arrived.
 */
export interface HttpArrival {
  startLine: string;
  headers: Map<string, string>;
  bodyLength: number;
  firstByteUs: number;
}

export class HttpReader {
  private head = '';
  private headers?: Map<string, string>;
  private startLine = '';
  private bodyLeft = 0;
  private firstByteUs: number | undefined;

  constructor(private readonly onMessage: (m: HttpArrival) => void) {}

  push(bytes: Uint8Array, nowUs: number): void {
    let at = 0;
    while (at < bytes.length) {
      this.firstByteUs ??= nowUs;
      if (!this.headers) {
        // Header bytes are ASCII; read up to the end of the block only.
        const take = Math.min(bytes.length - at, 16384);
        const chunk = String.fromCharCode(...bytes.subarray(at, at + take));
        const joined = this.head + chunk;
        // RFC 9112 §2.2: empty lines (CRLF) before a start line are ignored, not read as a message.
        let skip = 0;
        while (joined.startsWith('\r\n', skip)) skip += 2;
        const end = joined.indexOf('\r\n\r\n', skip);
        if (end < 0) {
          if (joined.length > 65536) throw new Error('HTTP: header block over 64 KiB');
          // Empty lines alone (or half of one) are no message yet: its first byte is still to come.
          if (/^\r?$/.test(joined.slice(skip))) this.firstByteUs = undefined;
          this.head = joined;
          at += take;
          continue;
        }
        const used = end + 4 - this.head.length;
        const lines = joined.slice(skip, end).split('\r\n');
        this.startLine = lines[0];
        this.headers = new Map(lines.slice(1).map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
        this.bodyLeft = Number(this.headers.get('content-length') ?? 0);
        this.head = '';
        at += used;
      } else {
        const take = Math.min(this.bodyLeft, bytes.length - at);
        this.bodyLeft -= take;
        at += take;
      }
      if (this.headers && this.bodyLeft === 0) this.deliver();
    }
    if (this.headers && this.bodyLeft === 0) this.deliver();
  }

  private deliver(): void {
    const m: HttpArrival = { startLine: this.startLine, headers: this.headers!, bodyLength: Number(this.headers!.get('content-length') ?? 0), firstByteUs: this.firstByteUs! };
    this.headers = undefined;
    this.firstByteUs = undefined;
    this.onMessage(m);
  }
}
