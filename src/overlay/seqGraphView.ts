import type { Packet, Simulation } from '../sim/types';
import { formatNetworkTime } from '../timeline/format';
import { el } from './dom';
import { describeSeries, packetPoints, seqSeries, tcpStreams, type SeqSeries } from './seqGraph';
import { drawCursor, drawGraph, graphGeometry, type GraphColors, type GraphGeometry } from './seqGraphDraw';
import type { NetworkSeek } from './timingView';

const LEGEND: [string, string][] = [
  ['data', 'data sent'],
  ['retransmission', 'retransmitted'],
  ['lost', '✕ lost'],
  ['ack', 'ACK'],
  ['window', 'receive window'],
  ['sack', 'SACK'],
  ['focus', '○ in focus'],
];

/**
 * $ tcp stream graph: the time–sequence graph (Stevens / tcptrace) of the connection of the
 * packet in focus. Drawn into an offscreen canvas once per connection, size and theme; a frame
 * only copies it and draws the cursor. Click (or ←/→ while focused) to seek.
 */
export class SeqGraphView {
  private readonly canvas = el('canvas', 'seq-canvas');
  private readonly head = el('p', 'seq-head');
  private readonly legend = el('p', 'seq-legend');
  private readonly readout = el('output', 'seq-readout');
  private readonly series = new Map<number, SeqSeries | undefined>();
  private readonly resize: ResizeObserver;
  private readonly fallback?: number;
  private stream?: number;
  private cache?: { key: string; image: HTMLCanvasElement; geometry: GraphGeometry; colors: GraphColors };
  private drawnKey = '';
  private networkUs = 0;
  private frame = 0;
  private stepFrames?: { stream: number; frames: number[] };
  private points?: { stream: number; byId: ReturnType<typeof packetPoints> };
  private focusId?: number;

  constructor(private readonly root: HTMLElement, private readonly sim: Pick<Simulation, 'packets'>, private readonly nav: NetworkSeek) {
    this.fallback = tcpStreams(sim.packets)[0]?.stream;
    if (this.fallback === undefined) {
      root.replaceChildren(el('p', 'empty', 'no TCP connection in this scenario'));
      this.resize = new ResizeObserver(() => {});
      return;
    }
    const box = el('div', 'seq-box');
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'slider');
    this.canvas.setAttribute('aria-roledescription', 'time–sequence graph');
    box.append(this.canvas);
    this.legend.setAttribute('aria-hidden', 'true');
    this.legend.append(...LEGEND.map(([k, text]) => el('span', `key key-${k}`, text)));
    const foot = el('div', 'seq-foot');
    foot.append(this.legend, this.readout);
    root.replaceChildren(this.head, box, foot);
    this.canvas.addEventListener('click', (e) => this.seekTo(this.current()!, e.offsetX));
    this.canvas.addEventListener('keydown', (e) => this.onKey(e));
    this.canvas.addEventListener('pointermove', (e) => this.point(e.offsetX, e.offsetY));
    this.canvas.addEventListener('pointerleave', () => (this.readout.textContent = ''));
    this.resize = new ResizeObserver(() => this.draw());
    this.resize.observe(box);
  }

  /** The connection of `focus` (else the one shown last, else the one with most data) at this frame. */
  show(focus: Packet | undefined, frame: number, networkUs: number): void {
    if (this.fallback === undefined) return;
    this.stream = focus?.tcp ? focus.stream : (this.stream ?? this.fallback);
    this.frame = frame;
    this.networkUs = networkUs;
    this.focusId = focus?.id;
    this.draw();
  }

  destroy(): void {
    this.resize.disconnect();
  }

  private current(): SeqSeries | undefined {
    if (this.stream === undefined) return undefined;
    if (!this.series.has(this.stream)) this.series.set(this.stream, seqSeries(this.sim, this.stream));
    return this.series.get(this.stream);
  }

  private draw(): void {
    const s = this.current();
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    if (!s || width === 0 || height === 0) return;
    const dpr = devicePixelRatio || 1;
    const theme = document.documentElement.dataset.theme ?? '';
    const key = `${s.stream}|${width}x${height}@${dpr}|${theme}`;
    if (this.cache?.key !== key) this.cache = this.render(s, key, width, height, dpr);
    const drawnKey = `${key}|${this.networkUs}|${this.focusId}`;
    if (this.drawnKey === drawnKey) return;
    this.drawnKey = drawnKey;
    if (this.points?.stream !== s.stream) this.points = { stream: s.stream, byId: packetPoints(s) };
    const focus = this.focusId === undefined ? undefined : this.points.byId.get(this.focusId);
    const { image, geometry, colors } = this.cache;
    if (this.canvas.width !== image.width || this.canvas.height !== image.height) [this.canvas.width, this.canvas.height] = [image.width, image.height];
    const ctx = this.canvas.getContext('2d')!;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, image.width, image.height);
    ctx.drawImage(image, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawCursor(ctx, geometry, this.networkUs, colors, focus);
    this.canvas.setAttribute('aria-valuenow', String(this.networkUs / 1000));
    this.canvas.setAttribute('aria-valuetext', `${formatNetworkTime(this.networkUs)} of network time`);
  }

  private render(s: SeqSeries, key: string, width: number, height: number, dpr: number) {
    const image = document.createElement('canvas');
    image.width = Math.round(width * dpr);
    image.height = Math.round(height * dpr);
    const ctx = image.getContext('2d')!;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const geometry = graphGeometry(s, width, height);
    const colors = this.colors();
    drawGraph(ctx, s, geometry, colors);
    const summary = describeSeries(s);
    this.head.textContent = `connection #${s.stream} · ${s.sender} → ${s.receiver} · ${s.dataBytes.toLocaleString('en-US')} bytes${geometry.windowClipped ? ' · receive window above the top' : ''}`;
    this.canvas.setAttribute('aria-label', `Time–sequence graph of connection ${s.stream}: ${summary}`);
    this.canvas.setAttribute('aria-valuemin', String(s.startUs / 1000));
    this.canvas.setAttribute('aria-valuemax', String(s.endUs / 1000));
    this.canvas.title = `${summary}. Click to jump to that moment.`;
    return { key, image, geometry, colors };
  }

  private colors(): GraphColors {
    const css = getComputedStyle(this.root);
    const v = (name: string) => css.getPropertyValue(name).trim();
    return {
      text: v('--text'),
      dim: v('--dim'),
      grid: v('--border'),
      data: v('--tcp'),
      retransmission: v('--warn'),
      lost: v('--lost'),
      ack: v('--ok'),
      window: v('--dim'),
      sack: v('--tls'),
      cursor: v('--text'),
      focus: v('--focus'),
      fog: v('--panel'),
    };
  }

  /** Under the pointer: "t 61.234 ms · seq 1,449" (what Wireshark's graph shows in its status line). */
  private point(offsetX: number, offsetY: number): void {
    const g = this.cache?.geometry;
    if (!g) return;
    this.readout.textContent = `t ${formatNetworkTime(g.usAt(offsetX))} · seq ${Math.round(g.seqAt(offsetY)).toLocaleString('en-US')}`;
  }

  private seekTo(s: SeqSeries, offsetX: number): void {
    const g = this.cache?.geometry ?? graphGeometry(s, this.canvas.clientWidth, this.canvas.clientHeight);
    this.nav.seek(this.nav.frameOf(g.usAt(offsetX)));
  }

  /** ←/→: the previous / next segment of this connection (sent or arriving), instead of any packet event. */
  private onKey(e: KeyboardEvent): void {
    const s = this.current();
    if (!s || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    e.stopPropagation();
    if (this.stepFrames?.stream !== s.stream) {
      const times = [...s.bars.map((b) => b.us), ...s.acks.map((a) => a.us)];
      this.stepFrames = { stream: s.stream, frames: [...new Set(times.map((us) => this.nav.frameOf(us)))].sort((a, b) => a - b) };
    }
    const { frames } = this.stepFrames;
    const target = e.key === 'ArrowRight' ? frames.find((f) => f > this.frame) : frames.findLast((f) => f < this.frame);
    if (target !== undefined) this.nav.seek(target);
  }
}
