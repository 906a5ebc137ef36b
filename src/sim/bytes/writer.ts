import type { Field } from '../types';

interface Open {
  field: Field;
  children: Field[];
}

/**
 * Writes big-endian protocol fields and records, for each, its name, shown value,
 * explanation, byte offset and length: the field map the inspector highlights from.
 */
export class ByteWriter {
  private out: number[] = [];
  private stack: Open[] = [];
  private top: Field[] = [];

  get length(): number {
    return this.out.length;
  }

  private push(field: Field): void {
    (this.stack.at(-1)?.children ?? this.top).push(field);
  }

  private raw(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) this.out.push(bytes[i] & 0xff);
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
        for (let i = 0; i < size; i++) w.out[at + i] = (len >>> (8 * (size - 1 - i))) & 0xff;
        const lengthField = (w.stack.at(-1)!.children.find((f) => f.offset === at))!;
        lengthField.value = String(len);
      },
      shown,
      note,
    );
  }

  /** Overwrites bytes already written (a checksum computed over the finished header). */
  patch16(offset: number, value: number): void {
    this.out[offset] = (value >>> 8) & 0xff;
    this.out[offset + 1] = value & 0xff;
  }

  finish(): { bytes: Uint8Array; fields: Field[] } {
    if (this.stack.length) throw new Error('ByteWriter: unclosed group');
    return { bytes: Uint8Array.from(this.out), fields: this.top };
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
