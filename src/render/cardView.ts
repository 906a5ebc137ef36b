import { Container, Graphics, Text } from 'pixi.js';
import type { TopLayer } from '../sim/types';
import { FONT_FAMILY, MONO_ADVANCE_EM, type Theme } from './theme';

const PAD = 14;
const LINE = 20;
const FONT = 13;
const MAX_LINES = 5;
const fit = (s: string, px: number) => {
  const chars = Math.floor(px / (FONT * MONO_ADVANCE_EM));
  return s.length > chars ? `${s.slice(0, chars - 1)}…` : s;
};

/** A compact packet inspector drawn into the canvas (for videos): label, route, one line per layer. */
export class CardView {
  readonly root = new Container();
  private readonly box = new Graphics();
  private readonly chip = new Graphics();
  private readonly label: Text;
  private readonly title: Text;
  private readonly lines: Text[] = [];
  private shown = '';

  /** `width` in design units: each layout gives the card the room it has. */
  constructor(
    private readonly theme: Theme,
    private readonly width: number,
  ) {
    const { palette } = theme;
    this.label = new Text({ text: '', style: { fontFamily: FONT_FAMILY, fontSize: FONT, fontWeight: 'bold', fill: palette.ink } });
    this.title = new Text({ text: '', style: { fontFamily: FONT_FAMILY, fontSize: FONT, fill: palette.text } });
    this.root.addChild(this.box, this.chip, this.label, this.title);
    for (let i = 0; i < MAX_LINES; i++) {
      const t = new Text({ text: '', style: { fontFamily: FONT_FAMILY, fontSize: FONT, fill: palette.dim } });
      t.position.set(PAD, PAD + 30 + i * LINE);
      this.lines.push(t);
      this.root.addChild(t);
    }
    this.label.position.set(PAD + 6, PAD + 2);
  }

  get texts(): Text[] {
    return [this.label, this.title, ...this.lines];
  }

  show(card: { label: string; layer: TopLayer; title: string; lines: string[] }): void {
    const key = `${card.label}|${card.title}`;
    if (key === this.shown) return;
    this.shown = key;
    const { palette, layers } = this.theme;
    this.label.text = card.label;
    const chipWidth = card.label.length * FONT * MONO_ADVANCE_EM + 12;
    this.chip.clear().roundRect(PAD, PAD, chipWidth, 20, 4).fill(layers[card.layer]);
    this.title.text = fit(card.title, this.width - 3 * PAD - chipWidth);
    this.title.position.set(PAD + chipWidth + 8, PAD + 2);
    const lines = card.lines.slice(0, MAX_LINES);
    this.lines.forEach((t, i) => (t.text = lines[i] ? fit(lines[i], this.width - 2 * PAD) : ''));
    const height = PAD * 2 + 30 + lines.length * LINE - 6;
    this.box.clear().roundRect(0, 0, this.width, height, 8).fill({ color: palette.panel, alpha: 0.94 }).stroke({ width: 1.5, color: palette.border });
  }
}
