import { Container, Graphics, Text } from 'pixi.js';
import type { FrameView } from '../playback/frameState';
import type { Point } from '../stage/stageTypes';
import { FONT_FAMILY, type Theme } from './theme';

/** A milestone ("✓ Connection ESTABLISHED") in a box that pops in and fades. */
export function createBannerView(theme: Theme, at: Point) {
  const root = new Container();
  const box = new Graphics();
  const text = new Text({ text: '', style: { fontFamily: FONT_FAMILY, fontSize: 24, fill: theme.palette.ok, fontWeight: 'bold' } });
  text.anchor.set(0.5);
  root.position.set(at.x, at.y);
  root.addChild(box, text);
  return {
    root,
    text,
    update(banner: FrameView['banner']): void {
      root.visible = !!banner;
      if (!banner) return;
      if (text.text !== banner.text) {
        text.text = banner.text;
        const w = text.width / text.scale.x + 48;
        box.clear().roundRect(-w / 2, -28, w, 56, 10).fill({ color: theme.palette.ok, alpha: 0.1 }).stroke({ width: 2, color: theme.palette.ok });
      }
      root.alpha = banner.alpha;
      root.scale.set(banner.scale);
    },
  };
}
