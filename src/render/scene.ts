import { Container, Graphics, Text } from 'pixi.js';
import type { FrameView } from '../playback/frameState';
import type { TopLayer } from '../sim/types';
import { formatNetworkTime } from '../timeline/format';
import { landscapeLayout, type StageLayout } from './stageLayout';
import { CardView } from './cardView';
import { createLinkView } from './linkView';
import { NodeView, type NodeLabels } from './nodeView';
import { PacketSprite } from './packetSprite';
import { darkTheme, FONT_FAMILY, type Theme } from './theme';

/** What is drawn into the picture besides the diagram (an export can leave any of it out). */
export interface SceneOverlays {
  /** The line under the diagram saying what the latest packet is for. */
  caption: boolean;
  /** "$ TLS 1.3 handshake" and the time-scale note. */
  chapter: boolean;
  /** The network clock. */
  timestamp: boolean;
  /** A compact inspector card for the latest packet. */
  card: boolean;
}

export const liveOverlays: SceneOverlays = { caption: true, chapter: true, timestamp: true, card: false };

export interface SceneLabels {
  client: NodeLabels;
  server: NodeLabels;
  /** Under the chapter title: how network time is slowed down. */
  scaleNote: string;
  linkCaption: string;
}

const text = (s: string, size: number, fill: number, bold = false) =>
  new Text({ text: s, style: { fontFamily: FONT_FAMILY, fontSize: size, fill, fontWeight: bold ? 'bold' : 'normal' } });

/**
 * The whole picture as Pixi objects. `update(view)` sets it from a FrameView; it holds
 * no time and no protocol knowledge, only what to draw where.
 */
export class Scene {
  readonly root = new Container();
  private readonly texts: Text[] = [];
  private readonly client: NodeView;
  private readonly server: NodeView;
  private readonly sprites = new Container();
  private readonly pool: PacketSprite[] = [];
  private readonly chapter: Text;
  private readonly clock: Text;
  private readonly banner = new Container();
  private readonly bannerBox = new Graphics();
  private readonly bannerText: Text;
  private readonly skip: Text;
  private readonly caption: Text;
  private resolution = 1;
  onPacketTap: (packetId: number) => void = () => {};

  private readonly card: CardView;
  private readonly header = new Container();

  constructor(
    labels: SceneLabels,
    readonly theme: Theme = darkTheme,
    readonly overlays: SceneOverlays = liveOverlays,
    readonly stage: StageLayout = landscapeLayout,
  ) {
    const { palette } = theme;
    this.chapter = text('', 24, palette.text, true);
    this.clock = text('', 16, palette.dim);
    this.bannerText = text('', 24, palette.ok, true);
    this.skip = text('', 18, palette.warn, true);
    this.caption = text('', 19, palette.text);
    const bg = new Graphics().rect(0, 0, stage.width, stage.height).fill(palette.background);
    const prompt = text('$', 24, palette.ok, true);
    prompt.position.set(stage.header.x, stage.header.y);
    this.chapter.position.set(stage.header.x + 26, stage.header.y);
    const note = text(labels.scaleNote, 14, palette.dim);
    note.position.set(stage.note.x, stage.note.y);
    this.clock.anchor.set(1, 0);
    this.clock.position.set(stage.clock.x, stage.clock.y);
    const link = createLinkView(labels.linkCaption, theme, stage);
    this.client = new NodeView(labels.client, stage.node.client, stage.badge.client, theme);
    this.server = new NodeView(labels.server, stage.node.server, stage.badge.server, theme);
    this.bannerText.anchor.set(0.5);
    this.banner.position.set(stage.banner.x, stage.banner.y);
    this.banner.addChild(this.bannerBox, this.bannerText);
    this.caption.anchor.set(0.5);
    this.caption.position.set(stage.caption.x, stage.caption.y);
    this.caption.style.wordWrap = true;
    this.caption.style.wordWrapWidth = stage.caption.wrap;
    this.caption.style.align = 'center';
    this.skip.anchor.set(0.5);
    this.skip.position.set(stage.skip.x, stage.skip.y);
    this.card = new CardView(theme, stage.card.width);
    this.card.root.position.set(stage.card.x, stage.card.y);
    this.header.addChild(prompt, this.chapter, note);
    this.header.visible = overlays.chapter;
    this.clock.visible = overlays.timestamp;
    this.caption.visible = overlays.caption;
    this.card.root.visible = false;
    this.root.addChild(bg, this.header, this.clock, link.root, this.client.root, this.server.root, this.sprites, this.banner, this.skip, this.caption, this.card.root, this.legend());
    this.texts.push(prompt, this.chapter, note, this.clock, this.bannerText, this.skip, this.caption, ...link.texts, ...this.card.texts);
  }

  private legend(): Container {
    const { palette, layers } = this.theme;
    const c = new Container();
    let x = this.stage.legend.x;
    const y = this.stage.legend.y;
    for (const [layer, name] of [['tcp', 'TCP'], ['tls', 'TLS'], ['http', 'HTTP']] as [TopLayer, string][]) {
      const swatch = new Graphics().roundRect(x, y - 8, 16, 16, 4).fill(layers[layer]);
      const t = text(name, 14, palette.dim);
      t.anchor.set(0, 0.5);
      t.position.set(x + 24, y);
      c.addChild(swatch, t);
      this.texts.push(t);
      x += 40 + name.length * 9;
    }
    const brand = text('wirescene', 14, palette.border, true);
    brand.anchor.set(1, 0.5);
    brand.position.set(this.stage.brand.x, this.stage.brand.y);
    c.addChild(brand);
    this.texts.push(brand);
    return c;
  }

  update(view: FrameView): void {
    setText(this.chapter, view.chapterTitle);
    setText(this.clock, `network t = ${formatNetworkTime(view.networkUs)}`);
    setText(this.caption, view.caption);
    this.card.root.visible = this.overlays.card && !!view.card;
    if (this.overlays.card && view.card) this.card.show(view.card);
    this.client.setBadge(view.badges.client.state, view.badges.client.tone, view.badges.client.pulse);
    this.server.setBadge(view.badges.server.state, view.badges.server.tone, view.badges.server.pulse);

    view.flights.forEach((f, i) => {
      const sprite = this.pool[i] ?? this.addSprite();
      sprite.show(f.packetId, f, f.layer, this.stage.direction(f.lane));
      sprite.root.visible = true;
      sprite.root.alpha = f.alpha;
      const at = this.stage.sprite(f, f.progress, f.lane);
      sprite.root.position.set(at.x, at.y);
    });
    for (let i = view.flights.length; i < this.pool.length; i++) this.pool[i].root.visible = false;

    this.banner.visible = !!view.banner;
    if (view.banner) {
      if (setText(this.bannerText, view.banner.text)) {
        const w = this.bannerText.width / this.bannerText.scale.x + 48;
        this.bannerBox.clear().roundRect(-w / 2, -28, w, 56, 10).fill({ color: this.theme.palette.ok, alpha: 0.1 }).stroke({ width: 2, color: this.theme.palette.ok });
      }
      this.banner.alpha = view.banner.alpha;
      this.banner.scale.set(view.banner.scale);
    }
    this.skip.visible = !!view.skip;
    if (view.skip) {
      setText(this.skip, view.skip.text);
      this.skip.alpha = view.skip.alpha;
    }
  }

  /** Text is rasterised at this many pixels per design unit (devicePixelRatio × stage scale). */
  setResolution(resolution: number): void {
    if (resolution === this.resolution) return;
    this.resolution = resolution;
    for (const t of this.texts) t.resolution = resolution;
    this.client.setResolution(resolution);
    this.server.setResolution(resolution);
    for (const s of this.pool) s.setResolution(resolution);
  }

  private addSprite(): PacketSprite {
    const s = new PacketSprite((id) => this.onPacketTap(id), this.theme);
    s.setResolution(this.resolution);
    this.pool.push(s);
    this.sprites.addChild(s.root);
    return s;
  }
}

function setText(t: Text, value: string): boolean {
  if (t.text === value) return false;
  t.text = value;
  return true;
}
