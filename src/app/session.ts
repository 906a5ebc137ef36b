import { applyLinkMoment, formatHash, linkMoment, type LinkMoment } from '../controls/hash';
import { bindKeyboard, type KeyboardHooks } from '../controls/keyboard';
import { bindTransport } from '../controls/transport';
import { openExportPanel } from '../controls/exportPanel';
import { loadExport } from '../export/load';
import { downloadCapture } from '../export/download';
import { InspectorView } from '../overlay/inspectorView';
import { LogView } from '../overlay/logView';
import { SeqGraphView } from '../overlay/seqGraphView';
import { TimingView, type NetworkSeek } from '../overlay/timingView';
import type { FrameView } from '../playback/frameState';
import { browserFrameSource, Player, type PlayerState } from '../playback/player';
import { createSceneDriver, sceneLabel } from '../playback/sceneDriver';
import type { CanvasView } from '../render/canvasView';
import { pixelHash, readPixels } from '../render/pixels';
import { timeToFrame } from '../timeline/eventsUpTo';
import { presentationTimeAt } from '../timeline/timeMap';
import { $, showNotice, transportElements } from './dom';
import type { Model } from '../playback/model';
import { embedCode, copyText } from './share';
import type { ExportProgress, ExportSettings } from '../export/index';
import type { Packet } from '../sim/types';
import type { Variant } from '../sim/variant';

export type Settings = LinkMoment;

export interface SessionContext {
  view: CanvasView;
  keyboard: KeyboardHooks;
  reducedMotion: () => boolean;
  embed: () => boolean;
  /** What if: the changes written into the URL hash, and "lose this packet" in the inspector (app/whatIf). */
  whatIf?: { variant: () => Variant; losePacket: (packet: Packet) => void };
  /** The record CLI's flags for this scenario (`--scenario-file NAME`, knobs, drops); default `--scenario ID`. */
  scenarioFlags?: () => string[];
  /** An imported capture's conversation ("0", "udp 1"), written into the URL hash as stream=. */
  stream?: string;
  /** Its time scale ("fit", "10"), written as time= when not "fit". */
  time?: string;
}

/** What tests and the bench reach through window.wirescene. */
export interface SessionHandle {
  player: Player;
  model: Model;
  view: CanvasView;
  stats: { framesDrawn: number };
  frameView: () => FrameView;
  /** Draws the current frame and fingerprints its pixels (tests compare moments with it). */
  pixelHash: () => string;
  redraw: () => void;
  settings: () => Settings;
  /** The export module (bench and tests reach the exporters through it). */
  loadExport: typeof loadExport;
  /** Records a range of this scenario (the export code loads on first use). */
  record: (settings: ExportSettings, onProgress?: (p: ExportProgress) => void, signal?: AbortSignal) => Promise<Uint8Array>;
  close: () => void;
}

const stats = { framesDrawn: 0 };

/**
 * One scenario on the page: a Player whose frame drives the canvas, the inspector, the log,
 * the transport bar and the URL hash. Everything is derived from the frame on each draw.
 */
export function openSession(id: string, model: Model, settings: Settings, ctx: SessionContext): SessionHandle {
  const { view } = ctx;
  const fps = model.plan.fps;
  const player = new Player(model.frameCount, fps, browserFrameSource());
  const inspector = new InspectorView($('#inspector'), ctx.whatIf?.losePacket);
  let pinned: number | undefined;
  const log = new LogView(
    $('#log') as HTMLOListElement,
    model.plan.timeline,
    (index) => {
      pinned = undefined;
      player.pause();
      player.seek(timeToFrame(model.plan.timeline[index].atS, fps));
    },
    document.querySelector<HTMLElement>('#log-now') ?? undefined,
  );
  // The timing rows and the sequence graph seek to a network time: the frame that first shows it.
  const networkSeek: NetworkSeek = {
    // 'last': where the network clock holds still, the moment it moves on shows that instant's events.
    frameOf: (us) => timeToFrame(presentationTimeAt(model.plan.timeMap, us, 'last'), fps),
    seek: (frame) => {
      pinned = undefined;
      player.pause();
      player.seek(frame);
    },
  };
  const timing = new TimingView($('#timing'), model.sim, networkSeek);
  const seqGraph = new SeqGraphView($('#seq-graph'), model.sim, networkSeek);

  // Every view below reads the one FrameView of the moment; none decides focus, chapter or log position itself.
  const draw = createSceneDriver({
    model: () => model,
    frame: () => player.frame,
    reducedMotion: ctx.reducedMotion,
    frames: browserFrameSource(),
    draw: (frameView) => {
      view.draw(frameView);
      log.show(frameView.logPosition);
      const focusId = pinned ?? frameView.focusPacketId;
      const focus = focusId === undefined ? undefined : model.sim.packets[focusId];
      inspector.show(focus, pinned !== undefined);
      timing.show(frameView.networkUs);
      seqGraph.show(focus, frameView.frame, frameView.networkUs);
      view.canvas.setAttribute('aria-label', sceneLabel(model, frameView));
      stats.framesDrawn++;
      if (stats.framesDrawn === 1) performance.mark('wirescene:first-frame');
    },
  });
  const frameView = () => draw.frameView()!;

  const hashOf = (s: PlayerState) =>
    formatHash({
      scenario: id,
      stream: ctx.stream,
      time: ctx.time,
      ...linkMoment(s, fps),
      embed: ctx.embed(),
      variant: ctx.whatIf?.variant(),
    });
  const pausedState = (): PlayerState => ({ frame: player.frame, playing: false, speed: player.speed, range: player.range, loop: player.loop });

  view.scene.onPacketTap = (packetId) => {
    player.pause();
    pinned = packetId;
    draw.request();
  };
  const unsubscribe = player.subscribe((s) => {
    if (s.playing) pinned = undefined;
    draw.request();
    if (!s.playing) history.replaceState(null, '', hashOf(s));
  });
  const unbindTransport = bindTransport(
    transportElements(),
    player,
    model.plan,
    model.stepFrames,
    frameView,
  );
  const unbindKeys = bindKeyboard(player, () => model.stepFrames, ctx.keyboard);

  $('#title').textContent = model.scenario.title;
  $('#download-capture').onclick = () => {
    downloadCapture(model.sim, model.scenario.id).then(
      (hint) => hint && showNotice([hint]),
      (e: unknown) => showNotice([`Could not write the capture: ${(e as Error).message}`]),
    );
  };
  $('#export').onclick = () => {
    player.pause();
    openExportPanel($('#export-dialog') as HTMLDialogElement, {
      plan: model.plan,
      scenarioId: model.scenario.id,
      scenarioFlags: ctx.scenarioFlags?.(),
      range: () => player.range && { in: player.range.in / fps, out: player.range.out / fps },
      moment: () => player.frame / fps,
      record: (s, onProgress, signal) => handle.record(s, onProgress, signal),
      preview: { labels: model.labels, theme: view.scene.theme, frameAt: (seconds) => model.evaluator.at(seconds) },
    });
  };
  $('#copy-link').onclick = () => copyText(`${location.origin}${location.pathname}${hashOf(pausedState())}`, 'link');
  $('#copy-embed').onclick = () => {
    const src = `${location.origin}${location.pathname}${hashOf(pausedState())}${ctx.embed() ? '' : '&embed=1'}`;
    copyText(embedCode(src, model.scenario.title), 'embed code');
  };

  applyLinkMoment(player, settings);
  draw.request();

  const handle: SessionHandle = {
    player,
    model,
    view,
    stats,
    frameView,
    pixelHash: () => {
      view.draw(frameView());
      return pixelHash(readPixels(view).data);
    },
    redraw: () => draw.request(),
    loadExport,
    record: async (exportSettings, onProgress, signal) => {
      const mod = await loadExport();
      return mod.runExport(model, exportSettings, mod.exporterFor(exportSettings.format), { onProgress, signal, theme: view.scene.theme });
    },
    settings: () => linkMoment(player, fps),
    close: () => {
      player.pause();
      unsubscribe();
      unbindTransport();
      unbindKeys();
      draw.cancel();
      seqGraph.destroy();
      log.destroy();
    },
  };
  return handle;
}
