import { Container, Graphics, Text } from 'pixi.js';
import type { TopLayer } from '../sim/types';
import { bytesWidth, labelWidth, layout, type SpriteShape } from './layout';
import type { Direction } from './stageLayout';
import { FONT_FAMILY, type Theme } from './theme';

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
  show(packetId: number, shape: SpriteShape, layer: TopLayer, direction: Direction): void {
    this.packetId = packetId;
    const leftToRight = direction !== 'left';
    const key = `${shape.label}|${shape.bytes}|${layer}|${direction}`;
    if (key === this.drawn) return;
    this.drawn = key;
    const lw = labelWidth(shape.label);
    const tail = bytesWidth(shape.bytes);
    const w = lw + tail;
    const h = layout.spriteHeight;
    const dir = leftToRight ? 1 : -1;
    const tip = (dir * w) / 2 + dir * layout.spriteNose;
    const edge = (dir * w) / 2 - dir;
    const color = this.theme.layers[layer];
    this.body.clear().roundRect(-w / 2, -h / 2, w, h, 7).fill(color);
    if (direction === 'down' || direction === 'up') {
      const s = direction === 'down' ? 1 : -1;
      this.body.poly([-10, (s * h) / 2 - s, 0, s * (h / 2 + layout.spriteNose), 10, (s * h) / 2 - s]).fill(color);
    } else {
      this.body.poly([edge, -h / 2 + 6, tip, 0, edge, h / 2 - 6]).fill(color);
    }
    if (tail > 2) {
      const tailX = leftToRight ? -w / 2 + 3 : w / 2 - 3 - (tail - 3);
      this.body.rect(tailX, -h / 2 + 4, tail - 3, h - 8).fill({ color: this.theme.palette.ink, alpha: 0.22 });
    }
    this.text.text = shape.label;
    this.text.x = (dir * tail) / 2;
  }

  setResolution(resolution: number): void {
    this.text.resolution = resolution;
  }
}
