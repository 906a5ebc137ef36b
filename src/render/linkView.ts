import { Container, Graphics, Text } from 'pixi.js';
import type { StageLayout } from '../stage/stageLayout';
import { FONT_FAMILY, type Theme } from './theme';

/** The wires between the hosts (and to the resolver): one dashed lane per direction, each with an arrowhead. */
export function createLinkView(caption: string, { palette }: Theme, stage: StageLayout): { root: Container; texts: Text[] } {
  const root = new Container();
  const g = new Graphics();
  for (const lane of stage.lanes) {
    const { from, to } = stage.lane(lane);
    const length = Math.hypot(to.x - from.x, to.y - from.y);
    const ux = (to.x - from.x) / length;
    const uy = (to.y - from.y) / length;
    // Dashes up to the arrowhead, then the head pointing the way packets go.
    for (let d = 0; d < length - 10; d += 14) {
      const e = Math.min(d + 7, length - 10);
      g.moveTo(from.x + ux * d, from.y + uy * d).lineTo(from.x + ux * e, from.y + uy * e);
    }
    g.stroke({ width: 2, color: palette.border });
    const back = { x: to.x - ux * 10, y: to.y - uy * 10 };
    g.poly([to.x, to.y, back.x - uy * 6, back.y + ux * 6, back.x + uy * 6, back.y - ux * 6]).fill(palette.border);
  }
  const label = new Text({ text: caption, style: { fontFamily: FONT_FAMILY, fontSize: 14, fill: palette.dim } });
  label.anchor.set(0.5);
  label.position.set(stage.linkLabel.x, stage.linkLabel.y);
  root.addChild(g, label);
  return { root, texts: [label] };
}
