import { Container, Graphics, Text } from 'pixi.js';
import type { DropView } from '../playback/frameExtras';
import type { StageLayout } from '../stage/stageTypes';
import { FONT_FAMILY, type Theme } from './theme';

const ARM = 11;

/** A red ✕ where a lost packet died on its lane, with "lost" beside it; pooled. */
export class DropMarksView {
  readonly root = new Container();
  private readonly pool: { root: Container; label: Text }[] = [];
  private resolution = 1;

  constructor(
    private readonly theme: Theme,
    private readonly stage: StageLayout,
  ) {}

  update(drops: readonly DropView[]): void {
    drops.forEach((d, i) => {
      const mark = this.pool[i] ?? this.add();
      const at = this.stage.sprite(d, d.progress, d.lane);
      mark.root.position.set(at.x, at.y);
      mark.root.rotation = this.stage.rotation(d.lane);
      mark.root.alpha = d.alpha;
      mark.root.scale.set(d.scale);
      mark.root.visible = true;
      // "lost" on the lane's outer side (above an outbound lane, below a return one), clear of the link's label.
      const above = d.lane % 2 === 0;
      mark.label.anchor.set(0.5, above ? 1 : 0);
      mark.label.y = above ? -(ARM + 8) : ARM + 10;
    });
    for (let i = drops.length; i < this.pool.length; i++) this.pool[i].root.visible = false;
  }

  setResolution(resolution: number): void {
    this.resolution = resolution;
    for (const m of this.pool) m.label.resolution = resolution;
  }

  private add() {
    const { palette } = this.theme;
    const root = new Container();
    const g = new Graphics()
      .circle(0, 0, ARM + 7)
      .fill({ color: palette.background, alpha: 0.85 })
      .stroke({ width: 2, color: palette.danger })
      .moveTo(-ARM, -ARM)
      .lineTo(ARM, ARM)
      .moveTo(ARM, -ARM)
      .lineTo(-ARM, ARM)
      .stroke({ width: 4, color: palette.danger, cap: 'round' });
    const label = new Text({ text: 'lost', style: { fontFamily: FONT_FAMILY, fontSize: 14, fontWeight: 'bold', fill: palette.danger } });
    label.anchor.set(0.5, 0);
    label.position.set(0, ARM + 10);
    label.resolution = this.resolution;
    root.addChild(g, label);
    const mark = { root, label };
    this.pool.push(mark);
    this.root.addChild(root);
    return mark;
  }
}
