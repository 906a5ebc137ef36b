import { Container, Graphics, Text } from 'pixi.js';
import type { TopLayer } from '../sim/types';
import { RESEND_MARK } from '../timeline/flights';
import { bytesWidth, COMPACT_WIDTH, isCompact, labelWidth, layout, type SpriteShape } from '../stage/layout';
import type { Direction } from '../stage/stageTypes';
import { FONT_FAMILY, MONO_ADVANCE_EM, type Theme } from './theme';

/** How a sprite looks beyond its shape: a resend is outlined and carries a ↻; a lost one turns red as it dies. */
export interface SpriteMarks {
  resend: boolean;
  dead: boolean;
}

const CHAR = layout.spriteFontSize * MONO_ADVANCE_EM;

/** A labelled pill with a nose pointing where the packet is going. */
export class PacketSprite {
  readonly root = new Container();
  private readonly body = new Graphics();
  private readonly text: Text;
  private drawn = '';
  packetId = -1;

  constructor(onTap: (packetId: number) => void, private readonly theme: Theme) {
    this.text = new Text({ text: '', style: { fontFamily: FONT_FAMILY, fontSize: layout.spriteFontSize, fontWeight: 'bold', fill: theme.palette.ink } });
    this.text.anchor.set(0.5);
    this.root.addChild(this.body, this.text);
    this.root.eventMode = 'static';
    this.root.cursor = 'pointer';
    this.root.on('pointertap', () => onTap(this.packetId));
  }

  /** The label sits at the leading end; the trailing part is as long as the packet is large. */
  show(packetId: number, shape: SpriteShape, layer: TopLayer, direction: Direction, marks: SpriteMarks = { resend: false, dead: false }): void {
    this.packetId = packetId;
    const leftToRight = direction !== 'left';
    const key = `${shape.label}|${shape.bytes}|${layer}|${direction}|${marks.resend}|${marks.dead}`;
    if (key === this.drawn) return;
    this.drawn = key;
    const { palette } = this.theme;
    if (isCompact(shape)) {
      // One of a dense run: a tick in the layer's colour, no nose, no label.
      this.body.clear().roundRect(-COMPACT_WIDTH / 2, -layout.spriteHeight / 2 + 3, COMPACT_WIDTH, layout.spriteHeight - 6, 3).fill(marks.dead ? palette.danger : this.theme.layers[layer]);
      this.text.text = '';
      return;
    }
    const lw = labelWidth(shape.label);
    const tail = bytesWidth(shape.bytes);
    const w = lw + tail;
    const h = layout.spriteHeight;
    const dir = leftToRight ? 1 : -1;
    const tip = (dir * w) / 2 + dir * layout.spriteNose;
    const edge = (dir * w) / 2 - dir;
    const color = marks.dead ? palette.danger : this.theme.layers[layer];
    this.body.clear().roundRect(-w / 2, -h / 2, w, h, 7).fill(color);
    const nose =
      direction === 'down' || direction === 'up'
        ? (() => {
            const s = direction === 'down' ? 1 : -1;
            return [-10, (s * h) / 2 - s, 0, s * (h / 2 + layout.spriteNose), 10, (s * h) / 2 - s];
          })()
        : [edge, -h / 2 + 6, tip, 0, edge, h / 2 - 6];
    this.body.poly(nose).fill(color);
    if (tail > 2) {
      const tailX = leftToRight ? -w / 2 + 3 : w / 2 - 3 - (tail - 3);
      this.body.rect(tailX, -h / 2 + 4, tail - 3, h - 8).fill({ color: palette.ink, alpha: 0.22 });
    }
    if (marks.resend) this.body.roundRect(-w / 2 - 2, -h / 2 - 2, w + 4, h + 4, 9).stroke({ width: 2.5, color: palette.warn });
    const labelX = (dir * tail) / 2;
    const mark = shape.label.startsWith(RESEND_MARK);
    const text = mark ? shape.label.slice(RESEND_MARK.length) : shape.label;
    this.text.text = text;
    // The bundled font has no ↻: the mark's two cells hold a drawn arrow instead.
    this.text.x = mark ? labelX + CHAR : labelX;
    if (mark) this.resendIcon(labelX - ((shape.label.length - 1) / 2) * CHAR, palette.ink);
  }

  /** A circular arrow (↻) about one character wide, centred at x. */
  private resendIcon(x: number, color: number): void {
    const r = 5;
    const a0 = -Math.PI * 0.35;
    const a1 = Math.PI * 1.35;
    this.body.moveTo(x + r * Math.cos(a0), r * Math.sin(a0)).arc(x, 0, r, a0, a1).stroke({ width: 2, color, cap: 'round' });
    // Arrowhead at the end, pointing along the turn (clockwise).
    const ex = x + r * Math.cos(a1);
    const ey = r * Math.sin(a1);
    const tx = -Math.sin(a1);
    const ty = Math.cos(a1);
    this.body.poly([ex + tx * 4, ey + ty * 4, ex - ty * 3.5 - tx, ey + tx * 3.5 - ty, ex + ty * 3.5 - tx, ey - tx * 3.5 - ty]).fill(color);
  }

  setResolution(resolution: number): void {
    this.text.resolution = resolution;
  }
}
