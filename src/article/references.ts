import type { Block, Inline } from './syntax';

/** Every moment selector and value name an article uses (checked against its scenarios on load and in tests). */
export function referencesOf(blocks: Block[]): { moments: string[]; values: string[] } {
  const moments: string[] = [];
  const values: string[] = [];
  const walk = (nodes: Inline[]) => {
    for (const n of nodes) {
      if (n.kind === 'moment') moments.push(n.selector);
      if (n.kind === 'value') values.push(n.name);
      if ('children' in n) walk(n.children);
    }
  };
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      if (b.range) moments.push(b.range);
      walk(b.inline);
    } else if (b.kind === 'list') b.items.forEach(walk);
    else if (b.kind === 'heading' || b.kind === 'quote') walk(b.inline);
    else if (b.kind === 'checkpoint') {
      walk(b.ask);
      walk(b.hint);
      values.push(b.answer);
      if (b.show) moments.push(b.show);
    } else if (b.kind === 'layers') moments.push(b.selector);
  }
  return { moments, values };
}
