import { el } from './dom';

const ROW = 16;
const printable = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·');

/**
 * Wireshark's bytes pane: offset | hex | ASCII, 16 bytes a row. `highlight(range)` marks
 * a field's bytes; hovering a byte reports its offset.
 */
export class HexPane {
  readonly root = el('div', 'hex');
  private cells: HTMLSpanElement[] = [];
  private chars: HTMLSpanElement[] = [];
  private marked: [number, number] = [0, 0];

  constructor(onHover: (offset: number | undefined) => void) {
    this.root.setAttribute('role', 'group');
    this.root.setAttribute('aria-label', 'Packet bytes');
    this.root.addEventListener('mouseover', (e) => {
      const i = (e.target as HTMLElement).dataset?.i;
      if (i !== undefined) onHover(Number(i));
    });
    this.root.addEventListener('mouseleave', () => onHover(undefined));
  }

  show(bytes: Uint8Array): void {
    this.cells = [];
    this.chars = [];
    const rows: HTMLElement[] = [];
    for (let start = 0; start < bytes.length; start += ROW) {
      const row = el('div', 'hex-row');
      row.append(el('span', 'hex-offset', start.toString(16).padStart(4, '0')));
      const hex = el('span', 'hex-bytes');
      const ascii = el('span', 'hex-ascii');
      for (let i = start; i < Math.min(start + ROW, bytes.length); i++) {
        const cell = el('span', undefined, bytes[i].toString(16).padStart(2, '0'));
        cell.dataset.i = String(i);
        const ch = el('span', undefined, printable(bytes[i]));
        ch.dataset.i = String(i);
        hex.append(cell);
        ascii.append(ch);
        this.cells.push(cell);
        this.chars.push(ch);
      }
      row.append(hex, ascii);
      rows.push(row);
    }
    this.root.replaceChildren(...rows);
    this.marked = [0, 0];
  }

  /** No bytes: drops the cells (nothing of the last packet stays alive). */
  clear(): void {
    this.cells = [];
    this.chars = [];
    this.marked = [0, 0];
    this.root.replaceChildren();
  }

  highlight(range: { offset: number; length: number } | undefined): void {
    const [from, to] = this.marked;
    for (let i = from; i < to; i++) {
      this.cells[i]?.classList.remove('on');
      this.chars[i]?.classList.remove('on');
    }
    if (!range) {
      this.marked = [0, 0];
      return;
    }
    const end = Math.min(range.offset + range.length, this.cells.length);
    for (let i = range.offset; i < end; i++) {
      this.cells[i].classList.add('on');
      this.chars[i].classList.add('on');
    }
    this.marked = [range.offset, end];
    this.cells[range.offset]?.scrollIntoView({ block: 'nearest' });
  }
}
