import { Container, Graphics, Text } from 'pixi.js';
import type { TopLayer } from '../sim/types';
import { layout, spriteWidth } from './layout';
import { FONT_FAMILY, layerColor, palette } from './theme';

/** A labelled pill with a nose pointing where the packet is going. */
export class PacketSprite {
  readonly root = new Container();
  private readonly body = new Graphics();
  private readonly text: Text;
  private drawn = '';
  packetId = -1;

  constructor(onTap: (packetId: number) => void) {
    this.text = new Text({ text: '', style: { fontFamily: FONT_FAMILY, fontSize: layout.spriteFontSize, fontWeight: 'bold', fill: palette.ink } });
    this.text.anchor.set(0.5);
    this.root.addChild(this.body, this.text);
    this.root.eventMode = 'static';
    this.root.cursor = 'pointer';
    this.root.on('pointertap', () => onTap(this.packetId));
  }

  show(packetId: number, label: string, layer: TopLayer, leftToRight: boolean): void {
    this.packetId = packetId;
    const key = `${label}|${layer}|${leftToRight}`;
    if (key === this.drawn) return;
    this.drawn = key;
    const w = spriteWidth(label);
    const h = layout.spriteHeight;
    const nose = layout.spriteNose * (leftToRight ? 1 : -1);
    const tip = (leftToRight ? w / 2 : -w / 2) + nose;
    const edge = leftToRight ? w / 2 - 1 : -w / 2 + 1;
    this.body
      .clear()
      .roundRect(-w / 2, -h / 2, w, h, 7)
      .fill(layerColor[layer])
      .poly([edge, -h / 2 + 6, tip, 0, edge, h / 2 - 6])
      .fill(layerColor[layer]);
    this.text.text = label;
  }

  setResolution(resolution: number): void {
    this.text.resolution = resolution;
  }
}
