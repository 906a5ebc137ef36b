import type { Packet } from '../sim/types';
import { formatNetworkTime } from '../timeline/format';

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
};

/**
 * $ packet inspector: the packet in focus as its layers, outermost first, like Wireshark's
 * packet details. Everything from the scenario goes in through textContent.
 */
export class InspectorView {
  private shownId: number | undefined = -1;
  private open = new Set(['IPv4', 'TCP', 'TLS', 'HTTP']);

  constructor(private readonly root: HTMLElement) {}

  show(packet: Packet | undefined, pinned: boolean): void {
    const key = packet ? packet.id + (pinned ? 0.5 : 0) : undefined;
    if (key === this.shownId) return;
    this.shownId = key;
    if (!packet) {
      this.root.replaceChildren(el('p', 'empty', 'click Step or Play to inspect packets'));
      return;
    }
    const head = el('div', 'packet-head');
    head.append(
      el('span', `chip layer-${packet.topLayer}`, packet.label),
      el('span', 'route', `#${packet.id + 1}  ${packet.from} → ${packet.to}`),
      el('span', 'meta', `${packet.totalLength} bytes · sent at ${formatNetworkTime(packet.sendUs, 3)}${pinned ? ' · pinned' : ''}`),
    );
    const caption = el('p', 'caption', packet.caption);
    const layers = packet.layers.map((layer) => {
      const details = el('details', `layer layer-${layer.name.toLowerCase()}`);
      details.open = this.open.has(layer.name);
      details.addEventListener('toggle', () => (details.open ? this.open.add(layer.name) : this.open.delete(layer.name)));
      const summary = el('summary');
      summary.append(el('span', 'layer-name', layer.name), el('span', 'layer-summary', layer.summary));
      const table = el('dl', 'fields');
      for (const f of layer.fields) {
        const dt = el('dt', undefined, f.name);
        const dd = el('dd', undefined, f.value);
        if (f.note) {
          dd.append(el('span', 'note', f.note));
          dt.title = f.note;
        }
        table.append(dt, dd);
      }
      details.append(summary, table);
      return details;
    });
    this.root.replaceChildren(head, caption, ...layers);
  }
}
