import { Text } from 'pixi.js';
import type { FrameView } from '../playback/frameState';
import type { StageLayout } from '../stage/stageTypes';
import { FONT_FAMILY, type Theme } from './theme';

/** The sender's congestion state (cwnd, in flight, mode) in small type beside it. */
export function createReadoutView({ palette }: Theme, stage: StageLayout) {
  const text = new Text({ text: '', style: { fontFamily: FONT_FAMILY, fontSize: 13, fill: palette.dim, lineHeight: 18 } });
  let shown = '';
  return {
    text,
    update(readout: FrameView['readout']): void {
      text.visible = !!readout;
      if (!readout) return;
      const place = stage.readout(readout.node);
      const lines = place.split ? readout.lines.flatMap((l) => l.split(' · ')) : readout.lines;
      const value = lines.join('\n');
      const key = `${readout.node}|${value}`;
      if (key === shown) return;
      shown = key;
      text.text = value;
      text.style.align = place.align;
      text.anchor.set(place.align === 'right' ? 1 : 0, 0);
      text.position.set(place.x, place.y);
    },
  };
}
