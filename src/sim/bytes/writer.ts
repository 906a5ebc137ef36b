import type { Field } from '../types';

interface Open {
  field: Field;
  children: Field[];
}

/**
 * Writes big-endian protocol fields and records, for each, its name, shown value,
 * explanation, byte offset and length: the field map the inspector highlights from.
 */
/** A byte buffer that grows by doubling: a 100 MB HTTP body is copied once, not pushed byte by byte. */
class Growable {
  private buf = new Uint8Array(64);
  length = 0;

  push(byte: number): void {
    this.reserve(1);
    this.buf[this.length++] = byte;
  }

  append(bytes: ArrayLike<number>): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  set(index: number, byte: number): void {
    this.buf[index] = byte;
  }

  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
}

export class ByteWriter {
  private out = new Growable();

  /** `recordFields: false` writes the same bytes without the field map (the hot path of a 100,000-packet trace). */
  constructor(private readonly recordFields = true) {}
  private stack: Open[] = [];
  private top: Field[] = [];

  get length(): number {
    return this.out.length;
  }

  private push(field: Field): void {
    if (this.recordFields) (this.stack.at(-1)?.children ?? this.top).push(field);
  }

  private raw(bytes: ArrayLike<number>): void {
    this.out.append(bytes);
  }

  uint(name: string, value: number, size: 1 | 2 | 3 | 4, shown?: string, note?: string): this {
    const offset = this.out.length;
    for (let i = size - 1; i >= 0; i--) this.out.push(Math.floor(value / 2 ** (8 * i)) & 0xff);
    this.push({ name, value: shown ?? String(value), note, offset, length: size });
    return this;
  }

  u8 = (name: string, value: number, shown?: string, note?: string) => this.uint(name, value, 1, shown, note);
  u16 = (name: string, value: number, shown?: string, note?: string) => this.uint(name, value, 2, shown, note);
  u24 = (name: string, value: number, shown?: string, note?: string) => this.uint(name, value, 3, shown, note);
  u32 = (name: string, value: number, shown?: string, note?: string) => this.uint(name, value, 4, shown, note);

  bytes(name: string, bytes: Uint8Array, shown?: string, note?: string): this {
    const offset = this.out.length;
    this.raw(bytes);
    this.push({ name, value: shown ?? `${bytes.length} bytes`, note, offset, length: bytes.length });
    return this;
  }

  /** A field made of sub-fields; its span covers everything written inside. */
  group(name: string, write: (w: this) => void, shown?: string | ((length: number) => string), note?: string): this {
    const field: Field = { name, value: '', note, offset: this.out.length, length: 0 };
    this.stack.push({ field, children: [] });
    write(this);
    const open = this.stack.pop()!;
    field.length = this.out.length - field.offset!;
    field.value = typeof shown === 'function' ? shown(field.length) : (shown ?? `${field.length} bytes`);
    field.children = open.children;
    this.push(field);
    return this;
  }

  /** A length prefix of `size` bytes followed by what `write` produces (TLS vectors, RFC 8446 §3.4). */
  vector(name: string, size: 1 | 2 | 3, write: (w: this) => void, shown?: string, note?: string): this {
    return this.group(
      name,
      (w) => {
        const at = w.out.length;
        w.uint(`${name} length`, 0, size);
        const start = w.out.length;
        write(w);
        const len = w.out.length - start;
        for (let i = 0; i < size; i++) w.out.set(at + i, (len >>> (8 * (size - 1 - i))) & 0xff);
        const lengthField = w.stack.at(-1)!.children.find((f) => f.offset === at);
        if (lengthField) lengthField.value = String(len);
      },
      shown,
      note,
    );
  }

  /** Overwrites bytes already written (a checksum computed over the finished header). */
  patch16(offset: number, value: number): void {
    this.out.set(offset, (value >>> 8) & 0xff);
    this.out.set(offset + 1, value & 0xff);
  }

  finish(): { bytes: Uint8Array; fields: Field[] } {
    if (this.stack.length) throw new Error('ByteWriter: unclosed group');
    return { bytes: this.out.toBytes(), fields: this.top };
  }
}

/** Moves a field map by `delta` bytes (a layer placed inside a packet). */
export function shiftFields(fields: Field[], delta: number): Field[] {
  return fields.map((f) => ({
    ...f,
    offset: f.offset === undefined ? undefined : f.offset + delta,
    children: f.children ? shiftFields(f.children, delta) : undefined,
  }));
}
