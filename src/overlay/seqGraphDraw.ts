import { formatAxisTime, formatSeq, niceTicks } from './axisTicks';
import { decimateBars, decimateSteps } from './seqDecimate';
import type { AckPoint, SeqSeries } from './seqGraph';

export interface GraphColors {
  text: string;
  dim: string;
  grid: string;
  data: string;
  retransmission: string;
  lost: string;
  ack: string;
  window: string;
  sack: string;
  cursor: string;
  focus: string;
  fog: string;
}

/** Where the plot sits in a box of width × height CSS pixels, and its scales. */
export interface GraphGeometry {
  left: number;
  top: number;
  right: number;
  bottom: number;
  x0: number;
  x1: number;
  yTop: number;
  /** Sequence numbers with a grid line and a label. */
  yTicks: number[];
  /** The receive window goes above the top (it is clipped there). */
  windowClipped: boolean;
  x(us: number): number;
  y(seq: number): number;
  usAt(px: number): number;
  seqAt(py: number): number;
}

export function graphGeometry(s: SeqSeries, width: number, height: number): GraphGeometry {
  // The window edge is drawn in full unless it dwarfs the data (a 64 KiB window over 5 KB).
  const windowFits = s.topWindow <= 2 * Math.max(1, s.topSeq);
  const yTop = Math.max(1, windowFits ? Math.max(s.topSeq, s.topWindow) : s.topSeq) * 1.04;
  const [top, right, bottom] = [20, width - 10, height - 20];
  const yTicks = niceTicks(0, yTop, Math.max(2, Math.floor((bottom - top) / 40)));
  // Room for the longest label at 10 px monospace (0.6 em a character).
  const left = 10 + 6 * Math.max(4, ...yTicks.map((v) => formatSeq(v, yTop).length));
  const x0 = s.startUs;
  const x1 = Math.max(s.endUs, s.startUs + 1);
  const x = (us: number) => left + ((us - x0) / (x1 - x0)) * (right - left);
  const y = (seq: number) => bottom - (seq / yTop) * (bottom - top);
  const usAt = (px: number) => x0 + (Math.min(Math.max(px, left), right) - left) / Math.max(1, right - left) * (x1 - x0);
  const seqAt = (py: number) => ((bottom - Math.min(Math.max(py, top), bottom)) / Math.max(1, bottom - top)) * yTop;
  return { left, top, right, bottom, x0, x1, yTop, yTicks, windowClipped: !windowFits, x, y, usAt, seqAt };
}

/** The whole graph, without the cursor: drawn once per size, theme and connection. */
export function drawGraph(ctx: CanvasRenderingContext2D, s: SeqSeries, g: GraphGeometry, c: GraphColors): void {
  const columns = Math.max(1, Math.round(g.right - g.left));
  ctx.font = '10px "JetBrains Mono", ui-monospace, monospace';
  ctx.lineWidth = 1;
  // Axes and grid.
  ctx.fillStyle = c.dim;
  ctx.strokeStyle = c.grid;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of g.yTicks) {
    const py = Math.round(g.y(v)) + 0.5;
    line(ctx, g.left, py, g.right, py);
    ctx.fillText(formatSeq(v, g.yTop), g.left - 4, py);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const us of niceTicks(g.x0, g.x1, Math.max(2, Math.floor((g.right - g.left) / 80)))) {
    const px = Math.round(g.x(us)) + 0.5;
    line(ctx, px, g.bottom, px, g.bottom + 3);
    ctx.fillText(formatAxisTime(us), Math.min(Math.max(px, g.left + 16), g.right - 16), g.bottom + 5);
  }
  ctx.textAlign = 'left';
  ctx.fillText('relative sequence number', g.left + 6, 3);
  ctx.strokeStyle = c.dim;
  line(ctx, g.left + 0.5, g.top, g.left + 0.5, g.bottom + 0.5);
  line(ctx, g.left, g.bottom + 0.5, g.right, g.bottom + 0.5);

  ctx.save();
  ctx.beginPath();
  ctx.rect(g.left, g.top - 1, g.right - g.left + 1, g.bottom - g.top + 2);
  ctx.clip();
  ctx.setLineDash([4, 3]);
  steps(ctx, s.acks, (a) => a.windowEdge, g, columns, c.window, s.endUs);
  ctx.setLineDash([]);
  steps(ctx, s.acks, (a) => a.ack, g, columns, c.ack, s.endUs);
  // SACK blocks as thin strokes: a run of duplicate ACKs reads as a shaded fan, as in tcptrace.
  ctx.globalAlpha = 0.7;
  ctx.strokeStyle = c.sack;
  for (const b of decimateBars(s.sacks.map((k) => ({ ...k, retransmission: false, lost: false, packetId: 0 })), g.x0, g.x1, columns)) {
    const px = Math.round(g.x(b.us)) + 0.5;
    line(ctx, px, g.y(b.lo), px, Math.min(g.y(b.lo) - 1, g.y(b.hi)));
  }
  ctx.globalAlpha = 1;
  const bars = decimateBars(s.bars, g.x0, g.x1, columns);
  const ends = bars.length === s.bars.length; // I-bar ends only when bars are apart
  let lastLabel = { x: -Infinity, y: -Infinity };
  for (const b of bars) {
    const px = Math.round(g.x(b.us)) + 0.5;
    const [ya, yb] = [g.y(b.lo), g.y(b.hi)];
    ctx.strokeStyle = b.lost ? c.lost : b.retransmission ? c.retransmission : c.data;
    ctx.lineWidth = b.retransmission ? 2 : 1;
    line(ctx, px, ya, px, Math.min(ya - 1, yb));
    if (ends && ya - yb > 4) {
      line(ctx, px - 2, ya, px + 2, ya);
      line(ctx, px - 2, yb, px + 2, yb);
    }
    if (b.lost) cross(ctx, px, (ya + yb) / 2, c.lost);
    // tcptrace's "R" beside a retransmitted segment (one segment is a few pixels tall at most), 12 px apart at least.
    else if (b.retransmission && (Math.abs(px - lastLabel.x) > 12 || Math.abs(yb - lastLabel.y) > 12)) {
      label(ctx, 'R', px + 3, yb - 2, c.retransmission);
      lastLabel = { x: px, y: yb };
    }
  }
  ctx.lineWidth = 1;
  for (const a of s.lostAcks) cross(ctx, Math.round(g.x(a.us)) + 0.5, g.y(a.ack), c.lost);
  ctx.restore();
}

/** The future greyed out and a line at the current network time. */
export function drawCursor(ctx: CanvasRenderingContext2D, g: GraphGeometry, us: number, c: GraphColors, focus?: { us: number; seq: number }): void {
  if (us < g.x0) fog(ctx, g.left, g, c);
  if (us >= g.x0 && us <= g.x1) {
    const px = Math.round(g.x(us)) + 0.5;
    fog(ctx, px, g, c);
    ctx.strokeStyle = c.cursor;
    ctx.lineWidth = 1;
    line(ctx, px, g.top - 4, px, g.bottom);
  }
  if (!focus) return;
  // The packet in focus (the inspector's), ringed as Wireshark marks the selected packet.
  ctx.strokeStyle = c.focus;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(g.x(focus.us), g.y(focus.seq), 6, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.lineWidth = 1;
}

/** What has not happened yet, behind a veil of the panel's colour. */
function fog(ctx: CanvasRenderingContext2D, from: number, g: GraphGeometry, c: GraphColors): void {
  ctx.save();
  ctx.globalAlpha = 0.6;
  ctx.fillStyle = c.fog;
  ctx.fillRect(from + 1, g.top - 1, g.right + 1 - from, g.bottom - g.top + 1);
  ctx.restore();
}

function steps(ctx: CanvasRenderingContext2D, points: readonly AckPoint[], value: (a: AckPoint) => number, g: GraphGeometry, columns: number, color: string, endUs: number): void {
  const drawn = decimateSteps(points, value, g.x0, g.x1, columns);
  if (drawn.length === 0) return;
  ctx.strokeStyle = color;
  ctx.beginPath();
  ctx.moveTo(g.x(drawn[0].us), g.y(value(drawn[0])));
  for (let i = 1; i < drawn.length; i++) {
    const px = g.x(drawn[i].us);
    ctx.lineTo(px, g.y(value(drawn[i - 1])));
    ctx.lineTo(px, g.y(value(drawn[i])));
  }
  ctx.lineTo(g.x(endUs), g.y(value(drawn[drawn.length - 1])));
  ctx.stroke();
}

function line(ctx: CanvasRenderingContext2D, xa: number, ya: number, xb: number, yb: number): void {
  ctx.beginPath();
  ctx.moveTo(xa, ya);
  ctx.lineTo(xb, yb);
  ctx.stroke();
}

function label(ctx: CanvasRenderingContext2D, text: string, px: number, py: number, color: string): void {
  ctx.fillStyle = color;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  ctx.font = 'bold 10px "JetBrains Mono", ui-monospace, monospace';
  ctx.fillText(text, px, py);
}

function cross(ctx: CanvasRenderingContext2D, px: number, py: number, color: string): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  line(ctx, px - 3.5, py - 3.5, px + 3.5, py + 3.5);
  line(ctx, px - 3.5, py + 3.5, px + 3.5, py - 3.5);
  ctx.lineWidth = 1;
}
