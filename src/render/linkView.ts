import { Container, Graphics, Text } from 'pixi.js';
import { laneY, layout, linkEndX, linkStartX } from './layout';
import { FONT_FAMILY, type Theme } from './theme';

/** The wire between the hosts: one dashed lane per direction, each with an arrowhead. */
export function createLinkView(caption: string, { palette }: Theme): { root: Container; texts: Text[] } {
  const root = new Container();
  const g = new Graphics();
  for (const lane of [0, 1]) {
    const y = laneY(lane);
    for (let x = linkStartX + 4; x < linkEndX - 16; x += 14) g.moveTo(x, y).lineTo(Math.min(x + 7, linkEndX - 16), y);
    g.stroke({ width: 2, color: palette.border });
    const head = lane === 0 ? linkEndX - 6 : linkStartX + 6;
    const dir = lane === 0 ? -1 : 1;
    g.poly([head, y, head + dir * 10, y - 6, head + dir * 10, y + 6]).fill(palette.border);
  }
  const label = new Text({ text: caption, style: { fontFamily: FONT_FAMILY, fontSize: 14, fill: palette.dim } });
  label.anchor.set(0.5);
  label.position.set((linkStartX + linkEndX) / 2, layout.nodeY);
  root.addChild(g, label);
  return { root, texts: [label] };
}
