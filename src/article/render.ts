import { el } from '../overlay/dom';
import type { Packet } from '../sim/types';
import type { Block, Inline } from './syntax';
import { layerSpans, type Value } from './values';

/** What the prose needs from the page: values, moment links, checkpoints, packets. */
export interface RenderContext {
  value: (name: string) => Value;
  momentLink: (selector: string, children: Node[]) => HTMLElement;
  checkpoint: (block: Extract<Block, { kind: 'checkpoint' }>, ask: Node[], hint: Node[]) => HTMLElement;
  packet: (selector: string) => Packet;
}

/** Inline nodes → DOM nodes (text nodes only: nothing from the file is parsed as markup). */
export function renderInline(nodes: Inline[], ctx: RenderContext): Node[] {
  return nodes.map((n): Node => {
    switch (n.kind) {
      case 'text':
        return document.createTextNode(n.text);
      case 'code':
        return el('code', undefined, n.text);
      case 'break':
        return el('br');
      case 'value': {
        const span = el('span', 'value', ctx.value(n.name).text);
        span.dataset.value = n.name;
        return span;
      }
      case 'strong':
      case 'em': {
        const e = el(n.kind);
        e.append(...renderInline(n.children, ctx));
        return e;
      }
      case 'moment':
        return ctx.momentLink(n.selector, renderInline(n.children, ctx));
      case 'link': {
        const a = el('a');
        // Only same-page, relative or http(s) links: a javascript: URL from a file never becomes a link.
        if (/^(#|https?:\/\/|\.?\.?\/|[\w-]+\.html)/.test(n.href)) a.href = n.href;
        a.append(...renderInline(n.children, ctx));
        return a;
      }
    }
  });
}

const hex = (b: number) => b.toString(16).padStart(2, '0');

/** A packet's bytes, each layer in its colour, with a legend: the encapsulation at a glance. */
function renderLayers(packet: Packet): HTMLElement {
  const figure = el('figure', 'layers');
  const legend = el('div', 'layer-legend');
  const dump = el('div', 'layer-bytes');
  dump.setAttribute('role', 'img');
  const spans = layerSpans(packet);
  dump.setAttribute('aria-label', `The ${packet.totalLength} bytes of ${packet.label}: ${spans.map((s) => `${s.name} ${s.length} bytes`).join(', ')}`);
  for (const s of spans) {
    const key = el('span', `layer-key layer-${s.name.toLowerCase()}`, `${s.name} ${s.length} B`);
    legend.append(key);
    const run = el('span', `layer-run layer-${s.name.toLowerCase()}`);
    run.title = `${s.name}: bytes ${s.offset}–${s.offset + s.length - 1}`;
    run.textContent = Array.from(packet.bytes.subarray(s.offset, s.offset + s.length), hex).join(' ') + ' ';
    dump.append(run);
  }
  figure.append(dump, legend);
  return figure;
}

export function renderBlock(block: Block, ctx: RenderContext): HTMLElement {
  switch (block.kind) {
    case 'paragraph': {
      const p = el('p');
      p.append(...renderInline(block.inline, ctx));
      return p;
    }
    case 'heading': {
      const h = el('h3');
      h.append(...renderInline(block.inline, ctx));
      return h;
    }
    case 'quote': {
      const q = el('blockquote');
      q.append(...renderInline(block.inline, ctx));
      return q;
    }
    case 'list': {
      const list = el(block.ordered ? 'ol' : 'ul');
      for (const item of block.items) {
        const li = el('li');
        li.append(...renderInline(item, ctx));
        list.append(li);
      }
      return list;
    }
    case 'checkpoint':
      return ctx.checkpoint(block, renderInline(block.ask, ctx), renderInline(block.hint, ctx));
    case 'layers':
      return renderLayers(ctx.packet(block.selector));
  }
}
