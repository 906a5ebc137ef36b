import type { Field, Packet } from '../sim/types';

const withoutOffsets = (fields: Field[]): Field[] =>
  fields.map((f) => ({ ...f, offset: undefined, length: undefined, children: f.children ? withoutOffsets(f.children) : undefined }));
import { formatNetworkTime } from '../timeline/format';
import { el } from './dom';
import { fieldAt, renderFieldTree, type FieldRow } from './fieldTree';
import { HexPane } from './hexPane';

/**
 * $ packet inspector: the packet in focus as its layers (outermost first) beside its bytes,
 * like Wireshark's details and bytes panes; hovering or focusing a field marks its bytes,
 * hovering a byte marks its field. Encrypted records can be shown decrypted.
 */
export class InspectorView {
  private key = '';
  private open = new Map<string, boolean>();
  private decrypted = false;
  private rows: FieldRow[] = [];
  private current?: FieldRow;
  private readonly hex = new HexPane((offset) => this.pointByte(offset));

  /** `losePacket`: offer "lose this packet" (what if the link dropped it?) for simulated packets. */
  constructor(
    private readonly root: HTMLElement,
    private readonly losePacket?: (packet: Packet) => void,
  ) {}

  show(packet: Packet | undefined, pinned: boolean): void {
    const key = packet ? `${packet.id}|${pinned}|${this.decrypted}` : 'none';
    if (key === this.key) return;
    this.key = key;
    if (!packet) {
      // Let go of the last packet's rows and bytes too: kept, they stayed alive (detached) until
      // the next packet, so the soak's count at frame 0 depended on which packet was last shown.
      this.rows = [];
      this.current = undefined;
      this.hex.clear();
      this.root.replaceChildren(el('p', 'empty', 'click Step or Play to inspect packets'));
      return;
    }
    const head = el('div', 'packet-head');
    head.append(
      el('span', `chip layer-${packet.topLayer}`, packet.label),
      el('span', 'route', `#${packet.id + 1}  ${packet.from} → ${packet.to}`),
      el('span', 'meta', `${packet.totalLength} bytes · sent at ${formatNetworkTime(packet.sendUs, 3)}${pinned ? ' · pinned' : ''}`),
    );
    if (this.losePacket && !packet.lost) head.append(this.loseButton(packet));
    const parts: HTMLElement[] = [head, el('p', 'caption', packet.caption)];
    const record = this.decrypted ? packet.decrypted[0] : undefined;
    if (packet.decrypted.length) parts.push(this.toggle(packet, record?.key));
    // The wire view still shows what is inside (encapsulation), but those fields point into
    // the plaintext, not these bytes: they are listed without offsets.
    const inner = packet.decrypted.flatMap((d) => d.layers.map((l) => ({ ...l, summary: `${l.summary} (decrypted)`, fields: withoutOffsets(l.fields) })));
    const layers = record ? record.layers : [...packet.layers, ...inner];
    const bytes = record ? record.bytes : packet.bytes;
    const tree = renderFieldTree(layers, this.open, (f) => this.pointField(f));
    this.rows = tree.rows;
    this.current = undefined;
    this.hex.show(bytes);
    const panes = el('div', 'panes');
    panes.append(tree.root, this.hex.root);
    parts.push(panes);
    this.root.replaceChildren(...parts);
  }

  private loseButton(packet: Packet): HTMLElement {
    const button = el('button', 'lose-packet', 'lose this packet');
    button.type = 'button';
    button.title = 'What if the link lost it? Simulate again with this packet dropped, and see what it costs';
    button.addEventListener('click', () => this.losePacket?.(packet));
    return button;
  }

  private toggle(packet: Packet, key: string | undefined): HTMLElement {
    const label = el('label', 'decrypt-toggle');
    const box = el('input');
    box.type = 'checkbox';
    box.checked = this.decrypted;
    box.addEventListener('change', () => {
      this.decrypted = box.checked;
      const pinned = this.key.split('|')[1] === 'true';
      this.key = '';
      this.show(packet, pinned);
    });
    label.append(box, el('span', undefined, key ? ` decrypted with the ${key}` : ' show decrypted'));
    return label;
  }

  private pointField(field: Field | undefined): void {
    this.mark(field ? this.rows.find((r) => r.field === field) : undefined);
  }

  private pointByte(offset: number | undefined): void {
    this.mark(offset === undefined ? undefined : fieldAt(this.rows, offset));
  }

  private mark(row: FieldRow | undefined): void {
    this.current?.row.classList.remove('on');
    this.current = row;
    row?.row.classList.add('on');
    const f = row?.field;
    this.hex.highlight(f && f.offset !== undefined && f.length !== undefined ? { offset: f.offset, length: f.length } : undefined);
  }
}
