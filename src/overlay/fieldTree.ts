import type { Field, Layer } from '../sim/types';
import { el } from './dom';

export interface FieldRow {
  row: HTMLElement;
  field: Field;
  depth: number;
}

/**
 * Wireshark's packet details: layer → field → sub-field, collapsible. Every row that maps
 * to bytes is focusable and reports focus/hover, so the keyboard can do what the mouse does.
 */
export function renderFieldTree(layers: Layer[], open: Map<string, boolean>, onPoint: (field: Field | undefined) => void): { root: HTMLElement; rows: FieldRow[] } {
  const rows: FieldRow[] = [];
  const root = el('div', 'tree');

  const leaf = (f: Field, depth: number, parent: HTMLElement) => {
    const row = el('div', 'field');
    row.append(el('span', 'field-name', f.name), el('span', 'field-value', f.value));
    if (f.note) row.append(el('span', 'note', f.note));
    bind(row, f, depth);
    parent.append(row);
  };

  const bind = (row: HTMLElement, f: Field, depth: number) => {
    row.dataset.depth = String(depth);
    if (f.offset !== undefined) {
      row.tabIndex = 0;
      row.addEventListener('mouseenter', () => onPoint(f));
      row.addEventListener('focus', () => onPoint(f));
    }
    rows.push({ row, field: f, depth });
  };

  const branch = (f: Field, depth: number, parent: HTMLElement, key: string) => {
    const details = el('details', 'field-group');
    // Records and messages start open; their inner structures start folded.
    details.open = open.get(key) ?? depth <= 2;
    details.addEventListener('toggle', () => open.set(key, details.open));
    const summary = el('summary', 'field');
    summary.append(el('span', 'field-name', f.name), el('span', 'field-value', f.value));
    if (f.note) summary.append(el('span', 'note', f.note));
    bind(summary, f, depth);
    details.append(summary);
    f.children!.forEach((c, i) => node(c, depth + 1, details, `${key}/${i}:${c.name}`));
    parent.append(details);
  };

  const node = (f: Field, depth: number, parent: HTMLElement, key: string) => (f.children?.length ? branch(f, depth, parent, key) : leaf(f, depth, parent));

  for (const layer of layers) {
    const details = el('details', `layer layer-${layer.name.toLowerCase()}`);
    const key = layer.name;
    details.open = open.get(key) ?? true;
    details.addEventListener('toggle', () => open.set(key, details.open));
    const summary = el('summary');
    summary.append(el('span', 'layer-name', layer.name), el('span', 'layer-summary', layer.summary));
    details.append(summary);
    layer.fields.forEach((f, i) => node(f, 1, details, `${key}/${i}:${f.name}`));
    root.append(details);
  }
  root.addEventListener('mouseleave', () => onPoint(undefined));
  return { root, rows };
}

/** The innermost field whose bytes include `offset`. */
export function fieldAt(rows: readonly FieldRow[], offset: number): FieldRow | undefined {
  let best: FieldRow | undefined;
  for (const r of rows) {
    const { offset: o, length: n } = r.field;
    if (o === undefined || n === undefined || offset < o || offset >= o + n) continue;
    if (!best || r.depth > best.depth || (r.depth === best.depth && n < best.field.length!)) best = r;
  }
  return best;
}
