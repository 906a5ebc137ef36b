import { Container, Graphics, Text } from 'pixi.js';
import type { TopLayer } from '../sim/types';
import type { StageLayout } from '../stage/stageTypes';
import { FONT_FAMILY, type Theme } from './theme';

/** The colour key at the bottom left (DNS only when the stage has a resolver) and the brand at the right. */
export function createLegendView({ palette, layers }: Theme, stage: StageLayout): { root: Container; texts: Text[] } {
  const root = new Container();
  const texts: Text[] = [];
  const text = (s: string, fill: number, bold = false) => new Text({ text: s, style: { fontFamily: FONT_FAMILY, fontSize: 14, fill, fontWeight: bold ? 'bold' : 'normal' } });
  let x = stage.legend.x;
  const y = stage.legend.y;
  const keys: [TopLayer, string][] = [...(stage.hasResolver ? [['dns', 'DNS'] as [TopLayer, string]] : []), ['tcp', 'TCP'], ['tls', 'TLS'], ['http', 'HTTP']];
  for (const [layer, name] of keys) {
    const swatch = new Graphics().roundRect(x, y - 8, 16, 16, 4).fill(layers[layer]);
    const t = text(name, palette.dim);
    t.anchor.set(0, 0.5);
    t.position.set(x + 24, y);
    root.addChild(swatch, t);
    texts.push(t);
    x += 40 + name.length * 9;
  }
  const brand = text('wirescene', palette.border, true);
  brand.anchor.set(1, 0.5);
  brand.position.set(stage.brand.x, stage.brand.y);
  root.addChild(brand);
  texts.push(brand);
  return { root, texts };
}
