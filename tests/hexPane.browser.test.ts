import { afterEach, describe, expect, it } from 'vitest';
import '../src/app/styles.css';
import { HexPane } from '../src/overlay/hexPane';

/**
 * The inspector's bytes pane on a 64 kB segment (what loopback's segmentation offload records):
 * only the rows in view exist, yet every byte can be scrolled to, highlighted and hovered.
 */
const bytes = Uint8Array.from({ length: 65_483 }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
let pane: HexPane;
let hovered: (number | undefined)[] = [];

afterEach(() => pane.root.parentElement?.remove());

function mount(): void {
  const host = document.createElement('div');
  host.className = 'inspector';
  host.style.width = '640px';
  document.body.append(host);
  hovered = [];
  pane = new HexPane((offset) => hovered.push(offset));
  host.append(pane.root);
  pane.show(bytes);
}

const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
const drawnRows = () => [...pane.root.querySelectorAll<HTMLElement>('.hex-row')];
const offsetOf = (row: HTMLElement) => Number.parseInt(row.querySelector('.hex-offset')!.textContent!, 16);

describe('hex pane of a 64 kB segment', () => {
  it('draws the rows in view, not 4,093 of them, and scrolls over all of them', async () => {
    mount();
    await frame();
    expect(drawnRows().length).toBeLessThan(40);
    expect(drawnRows().map(offsetOf).slice(0, 2)).toEqual([0, 16]);
    const rowPx = drawnRows()[0].getBoundingClientRect().height;
    // The box scrolls as if every row were there: the last row is reachable.
    expect(pane.root.scrollHeight).toBeGreaterThan(Math.ceil(bytes.length / 16) * rowPx - 2);
    pane.root.scrollTop = pane.root.scrollHeight;
    await frame();
    const rows = drawnRows();
    expect(rows.length).toBeLessThan(40);
    const last = rows[rows.length - 1];
    expect(offsetOf(last)).toBe(0xffc0);
    // 65,483 = 0xffcb: the last row holds the 11 bytes after 0xffc0, hex and ASCII.
    expect(last.querySelectorAll('.hex-bytes span')).toHaveLength(11);
    expect(last.querySelector('.hex-bytes span:last-child')!.textContent).toBe(bytes[65_482].toString(16).padStart(2, '0'));
  });

  it('highlighting a field far down scrolls it into view and marks exactly its bytes', async () => {
    mount();
    await frame();
    pane.highlight({ offset: 40_001, length: 20 });
    await frame();
    const on = [...pane.root.querySelectorAll<HTMLElement>('.hex-bytes span.on')].map((s) => Number(s.dataset.i));
    expect(on).toEqual(Array.from({ length: 20 }, (_, k) => 40_001 + k));
    expect(pane.root.querySelectorAll('.hex-ascii span.on')).toHaveLength(20);
    const cell = pane.root.querySelector<HTMLElement>('[data-i="40001"]')!.getBoundingClientRect();
    const box = pane.root.getBoundingClientRect();
    expect(cell.top).toBeGreaterThanOrEqual(box.top);
    expect(cell.bottom).toBeLessThanOrEqual(box.bottom);
    // Cleared: nothing marked, even on rows drawn again after a scroll.
    pane.highlight(undefined);
    pane.root.scrollTop = 0;
    await frame();
    pane.root.scrollTop = (40_000 / 16) * drawnRows()[0].getBoundingClientRect().height;
    await frame();
    expect(pane.root.querySelectorAll('span.on')).toHaveLength(0);
  });

  it('hovering a byte of a row drawn after a scroll reports its offset', async () => {
    mount();
    await frame();
    pane.highlight({ offset: 60_000, length: 1 });
    await frame();
    pane.root.querySelector<HTMLElement>('[data-i="60003"]')!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(hovered.at(-1)).toBe(60_003);
  });

  it('a new packet starts at its first row; no packet leaves no rows', async () => {
    mount();
    await frame();
    pane.highlight({ offset: 50_000, length: 4 });
    pane.show(bytes.subarray(0, 100));
    await frame();
    expect(pane.root.scrollTop).toBe(0);
    expect(drawnRows().map(offsetOf)).toEqual([0, 16, 32, 48, 64, 80, 96]);
    expect(pane.root.querySelectorAll('span.on')).toHaveLength(0);
    pane.clear();
    expect(pane.root.children).toHaveLength(0);
  });
});
