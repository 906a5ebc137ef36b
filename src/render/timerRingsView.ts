import { Container, Graphics, Text } from 'pixi.js';
import type { TimerView } from '../playback/frameExtras';
import type { StageLayout } from '../stage/stageTypes';
import { FONT_FAMILY, type Theme } from './theme';

const R = 12;

/** One countdown ring: a faint circle, the elapsed part of it filled clockwise from the top, and a label. */
class Ring {
  readonly root = new Container();
  readonly label: Text;
  private readonly g = new Graphics();
  private shown = '';

  constructor(private readonly theme: Theme) {
    this.label = new Text({ text: '', style: { fontFamily: FONT_FAMILY, fontSize: 13, fontWeight: 'bold', fill: theme.palette.warn } });
    this.label.anchor.set(0, 0.5);
    this.label.x = R + 8;
    this.root.addChild(this.g, this.label);
  }

  set(t: TimerView): void {
    // Quantised so a ring is redrawn a few hundred times over its life, not every frame.
    const steps = Math.round(t.fraction * 240);
    const key = `${t.label}|${steps}|${t.due}`;
    if (key === this.shown) return;
    this.shown = key;
    const { palette } = this.theme;
    const color = t.due ? palette.danger : palette.warn;
    this.label.text = t.label;
    this.label.style.fill = color;
    const start = -Math.PI / 2;
    this.g.clear().circle(0, 0, R).fill({ color, alpha: 0.12 }).stroke({ width: 2, color: palette.border });
    if (steps > 0) this.g.moveTo(0, 0).arc(0, 0, R, start, start + (2 * Math.PI * steps) / 240).closePath().fill({ color, alpha: 0.85 });
  }
}

/** The armed timers beside their nodes (FrameView.timers), placed by the stage. */
export class TimerRingsView {
  readonly root = new Container();
  private readonly pool: Ring[] = [];
  private resolution = 1;

  constructor(
    private readonly theme: Theme,
    private readonly stage: StageLayout,
  ) {}

  update(timers: readonly TimerView[]): void {
    timers.forEach((t, i) => {
      const ring = this.pool[i] ?? this.add();
      const at = this.stage.timer(t.node, t.slot);
      ring.root.position.set(at.x, at.y);
      ring.root.visible = true;
      ring.set(t);
    });
    for (let i = timers.length; i < this.pool.length; i++) this.pool[i].root.visible = false;
  }

  setResolution(resolution: number): void {
    this.resolution = resolution;
    for (const r of this.pool) r.label.resolution = resolution;
  }

  private add(): Ring {
    const r = new Ring(this.theme);
    r.label.resolution = this.resolution;
    this.pool.push(r);
    this.root.addChild(r.root);
    return r;
  }
}
