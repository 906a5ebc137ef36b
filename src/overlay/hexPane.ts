import { el } from './dom';
import { VirtualRows } from './virtualRows';

const ROW = 16;
const printable = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·');

/**
 * Wireshark's bytes pane: offset | hex | ASCII, 16 bytes a row. `highlight(range)` marks
 * a field's bytes; hovering a byte reports its offset. Only the rows in view exist (a segment
 * offloaded on loopback can be 64 kB, 4,096 rows), so showing a packet costs what the pane shows.
 */
export class HexPane {
  readonly root = el('div', 'hex');
  private bytes: Uint8Array = new Uint8Array(0);
  private marked: [number, number] = [0, 0];
  private readonly rows: VirtualRows<HTMLDivElement>;

  constructor(onHover: (offset: number | undefined) => void) {
    this.root.setAttribute('role', 'group');
    this.root.setAttribute('aria-label', 'Packet bytes');
    this.root.addEventListener('mouseover', (e) => {
      const i = (e.target as HTMLElement).dataset?.i;
      if (i !== undefined) onHover(Number(i));
    });
    this.root.addEventListener('mouseleave', () => onHover(undefined));
    this.rows = new VirtualRows(
      this.root,
      'div',
      (r) => this.row(r),
      (r, row) => this.mark(r, row),
    );
  }

  show(bytes: Uint8Array): void {
    this.bytes = bytes;
    this.marked = [0, 0];
    this.root.scrollTop = 0;
    this.rows.reset(Math.ceil(bytes.length / ROW));
  }

  /** No bytes: drops the rows (nothing of the last packet stays alive). */
  clear(): void {
    this.show(new Uint8Array(0));
  }

  highlight(range: { offset: number; length: number } | undefined): void {
    this.marked = range ? [range.offset, Math.min(range.offset + range.length, this.bytes.length)] : [0, 0];
    if (range && range.offset < this.bytes.length) this.rows.reveal(Math.floor(range.offset / ROW), 'nearest');
    else this.rows.draw();
  }

  private row(r: number): HTMLDivElement | undefined {
    const start = r * ROW;
    if (start >= this.bytes.length) return undefined;
    const row = el('div', 'hex-row');
    row.append(el('span', 'hex-offset', start.toString(16).padStart(4, '0')));
    const hex = el('span', 'hex-bytes');
    const ascii = el('span', 'hex-ascii');
    for (let i = start; i < Math.min(start + ROW, this.bytes.length); i++) {
      const cell = el('span', undefined, this.bytes[i].toString(16).padStart(2, '0'));
      cell.dataset.i = String(i);
      const ch = el('span', undefined, printable(this.bytes[i]));
      ch.dataset.i = String(i);
      hex.append(cell);
      ascii.append(ch);
    }
    row.append(hex, ascii);
    return row;
  }

  /** The highlighted bytes of row `r`, in both columns. */
  private mark(r: number, row: HTMLDivElement): void {
    const [from, to] = this.marked;
    const [hex, ascii] = [row.children[1], row.children[2]];
    for (let k = 0; k < hex.children.length; k++) {
      const on = r * ROW + k >= from && r * ROW + k < to;
      hex.children[k].classList.toggle('on', on);
      ascii.children[k].classList.toggle('on', on);
    }
  }
}
