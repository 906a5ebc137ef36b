import { Container, Graphics, Text } from 'pixi.js';
import type { Tone } from '../timeline/tone';
import type { NodeLabels } from '../stage/labels';
import { layout } from '../stage/layout';
import type { Point } from '../stage/stageTypes';
import { FONT_FAMILY, type Theme } from './theme';

/** A host box (title, addresses) with its state badge underneath. */
export class NodeView {
  readonly root = new Container();
  private readonly badge = new Container();
  private readonly badgeBox = new Graphics();
  private readonly badgeText: Text;
  private readonly texts: Text[] = [];
  private shown = { state: '', tone: '' as Tone | '' };

  /** `badgeAt` undefined: a node without TCP state (the resolver). */
  constructor(
    labels: NodeLabels,
    at: Point,
    badgeAt: Point | undefined,
    private readonly theme: Theme,
    size = { width: layout.nodeWidth, height: layout.nodeHeight },
  ) {
    const { palette } = theme;
    const { width: w, height: h } = size;
    const compact = h < 110;
    this.root.position.set(at.x, at.y);
    const box = new Graphics()
      .roundRect(-w / 2, -h / 2, w, h, 10)
      .fill(palette.panel)
      .stroke({ width: 2, color: palette.border });
    const title = new Text({ text: labels.title, style: { fontFamily: FONT_FAMILY, fontSize: 22, fontWeight: 'bold', fill: palette.text } });
    title.anchor.set(0.5, 0);
    title.position.set(0, -h / 2 + (compact ? 14 : 18));
    this.root.addChild(box, title);
    this.texts.push(title);
    labels.lines.forEach((line, i) => {
      const t = new Text({ text: line, style: { fontFamily: FONT_FAMILY, fontSize: 15, fill: palette.dim } });
      t.anchor.set(0.5, 0);
      t.position.set(0, -h / 2 + (compact ? 50 : 60) + i * 24);
      this.root.addChild(t);
      this.texts.push(t);
    });
    this.badgeText = new Text({ text: '', style: { fontFamily: FONT_FAMILY, fontSize: 16, fontWeight: 'bold', fill: palette.text } });
    this.badgeText.anchor.set(0.5);
    this.badge.position.set(badgeAt?.x ?? 0, badgeAt?.y ?? 0);
    this.badge.addChild(this.badgeBox, this.badgeText);
    if (badgeAt) this.root.addChild(this.badge);
    this.texts.push(this.badgeText);
  }

  setBadge(state: string, tone: Tone, pulse: number): void {
    if (state !== this.shown.state || tone !== this.shown.tone) {
      const color = this.theme.tones[tone];
      this.badgeText.text = state;
      this.badgeText.style.fill = color;
      const w = Math.max(130, state.length * 16 * 0.6 + 32);
      this.badgeBox.clear().roundRect(-w / 2, -17, w, 34, 17).fill({ color, alpha: 0.14 }).stroke({ width: 2, color });
      this.shown = { state, tone };
    }
    this.badge.scale.set(1 + 0.14 * pulse);
  }

  setResolution(resolution: number): void {
    for (const t of this.texts) t.resolution = resolution;
  }
}
