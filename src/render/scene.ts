import { Container, Graphics, Text } from 'pixi.js';
import type { FrameView } from '../playback/frameState';
import { formatNetworkTime } from '../timeline/format';
import { createBannerView } from './bannerView';
import { CardView } from './cardView';
import { DropMarksView } from './dropMarksView';
import { createLegendView } from './legendView';
import { createLinkView } from './linkView';
import type { SceneLabels } from '../stage/labels';
import { NodeView } from './nodeView';
import { PacketSprite } from './packetSprite';
import { createReadoutView } from './readoutView';
import { landscapeLayout, stageVariant, type StageLayout } from '../stage/stageLayout';
import { darkTheme, FONT_FAMILY, type Theme } from './theme';
import { TimerRingsView } from './timerRingsView';

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

const text = (s: string, size: number, fill: number, bold = false) =>
  new Text({ text: s, style: { fontFamily: FONT_FAMILY, fontSize: size, fill, fontWeight: bold ? 'bold' : 'normal' } });

/**
 * The whole picture as Pixi objects. `update(view)` sets it from a FrameView; it holds
 * no time and no protocol knowledge, only what to draw where.
 */
export class Scene {
  readonly root = new Container();
  /** The layout drawn: the given shape, in its variant with or without a resolver as the labels ask. */
  readonly stage: StageLayout;
  private readonly texts: Text[] = [];
  private readonly client: NodeView;
  private readonly server: NodeView;
  private readonly resolver?: NodeView;
  private readonly sprites = new Container();
  private readonly pool: PacketSprite[] = [];
  private readonly chapter: Text;
  private readonly clock: Text;
  private readonly banner: ReturnType<typeof createBannerView>;
  private readonly skip: Text;
  private readonly caption: Text;
  private readonly card: CardView;
  private readonly header = new Container();
  private readonly drops: DropMarksView;
  private readonly timers: TimerRingsView;
  private readonly readout: ReturnType<typeof createReadoutView>;
  private resolution = 1;
  onPacketTap: (packetId: number) => void = () => {};

  constructor(
    labels: SceneLabels,
    readonly theme: Theme = darkTheme,
    readonly overlays: SceneOverlays = liveOverlays,
    shape: StageLayout = landscapeLayout,
  ) {
    const stage = (this.stage = stageVariant(shape.kind, !!labels.resolver));
    const { palette } = theme;
    this.chapter = text('', 24, palette.text, true);
    this.clock = text('', 16, palette.dim);
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
    this.client = new NodeView(labels.client, stage.node.client, stage.badge.client, theme, stage.nodeSize.client);
    this.server = new NodeView(labels.server, stage.node.server, stage.badge.server, theme, stage.nodeSize.server);
    if (labels.resolver && stage.node.resolver) this.resolver = new NodeView(labels.resolver, stage.node.resolver, undefined, theme, stage.nodeSize.resolver);
    this.banner = createBannerView(theme, stage.banner);
    this.caption.anchor.set(0.5);
    this.caption.position.set(stage.caption.x, stage.caption.y);
    this.caption.style.wordWrap = true;
    this.caption.style.wordWrapWidth = stage.caption.wrap;
    this.caption.style.align = 'center';
    this.skip.anchor.set(0.5);
    this.skip.position.set(stage.skip.x, stage.skip.y);
    this.card = new CardView(theme, stage.card.width);
    this.card.root.position.set(stage.card.x, stage.card.y);
    this.drops = new DropMarksView(theme, stage);
    this.timers = new TimerRingsView(theme, stage);
    this.readout = createReadoutView(theme, stage);
    this.header.addChild(prompt, this.chapter, note);
    this.header.visible = overlays.chapter;
    this.clock.visible = overlays.timestamp;
    this.caption.visible = overlays.caption;
    this.card.root.visible = false;
    const legend = createLegendView(theme, stage);
    const nodes = [this.client.root, this.server.root, ...(this.resolver ? [this.resolver.root] : [])];
    this.root.addChild(bg, this.header, this.clock, link.root, ...nodes, this.timers.root, this.readout.text, this.sprites, this.drops.root);
    this.root.addChild(this.banner.root, this.skip, this.caption, this.card.root, legend.root);
    this.texts.push(prompt, this.chapter, note, this.clock, this.banner.text, this.skip, this.caption, this.readout.text, ...link.texts, ...this.card.texts, ...legend.texts);
  }

  update(view: FrameView): void {
    setText(this.chapter, view.chapterTitle);
    setText(this.clock, `network t = ${formatNetworkTime(view.networkUs)}`);
    setText(this.caption, view.caption);
    this.card.root.visible = this.overlays.card && !!view.card;
    if (this.overlays.card && view.card) this.card.show(view.card);
    this.client.setBadge(view.badges.client.state, view.badges.client.tone, view.badges.client.pulse);
    this.server.setBadge(view.badges.server.state, view.badges.server.tone, view.badges.server.pulse);

    // A flight on a lane this stage lacks (a resolver the labels did not announce) is not drawn.
    const flights = view.flights.filter((f) => this.stage.lanes.includes(f.lane));
    flights.forEach((f, i) => {
      const sprite = this.pool[i] ?? this.addSprite();
      sprite.show(f.packetId, f, f.layer, this.stage.direction(f.lane), f);
      sprite.root.visible = true;
      sprite.root.alpha = f.alpha;
      sprite.root.rotation = this.stage.rotation(f.lane);
      const at = this.stage.sprite(f, f.progress, f.lane);
      sprite.root.position.set(at.x, at.y);
    });
    for (let i = flights.length; i < this.pool.length; i++) this.pool[i].root.visible = false;
    this.drops.update(view.drops.filter((d) => this.stage.lanes.includes(d.lane)));
    this.timers.update(this.resolver ? view.timers : view.timers.filter((t) => t.node !== 'resolver'));
    this.readout.update(view.readout);

    this.banner.update(view.banner);
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
    this.resolver?.setResolution(resolution);
    this.drops.setResolution(resolution);
    this.timers.setResolution(resolution);
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
