/**
 * A bounds-checked big-endian reader for TLS structures (RFC 8446 §3): every read that would run
 * past the end throws a TlsParseError naming the field, so a truncated or malformed message is
 * reported, never silently misread.
 */
export class TlsParseError extends Error {
  constructor(message: string) {
    super(`TLS parse: ${message}`);
    this.name = 'TlsParseError';
  }
}

export class Cursor {
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
    readonly end = bytes.length,
  ) {}

  get left(): number {
    return this.end - this.at;
  }

  private need(n: number, what: string): void {
    if (n > this.left) throw new TlsParseError(`${what} needs ${n} bytes, ${this.left} left`);
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.at++];
  }

  u16(what: string): number {
    this.need(2, what);
    const v = (this.bytes[this.at] << 8) | this.bytes[this.at + 1];
    this.at += 2;
    return v;
  }

  u24(what: string): number {
    this.need(3, what);
    const v = (this.bytes[this.at] << 16) | (this.bytes[this.at + 1] << 8) | this.bytes[this.at + 2];
    this.at += 3;
    return v;
  }

  u32(what: string): number {
    return this.u16(what) * 0x10000 + this.u16(what);
  }

  take(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  /** A vector with a `size`-byte length prefix (RFC 8446 §3.4). */
  vector(size: 1 | 2 | 3, what: string): Uint8Array {
    const n = size === 1 ? this.u8(`${what} length`) : size === 2 ? this.u16(`${what} length`) : this.u24(`${what} length`);
    return this.take(n, what);
  }

  /** A cursor over a vector's contents, for lists of items. */
  sub(size: 1 | 2 | 3, what: string): Cursor {
    const body = this.vector(size, what);
    return new Cursor(body);
  }

  /** Throws if bytes remain: a message longer than its fields is malformed. */
  done(what: string): void {
    if (this.left !== 0) throw new TlsParseError(`${what} has ${this.left} unexpected trailing bytes`);
  }
}
