import { bindKeyboard, SHORTCUTS } from '../controls/keyboard';
import { formatHash, parseHash, type HashState } from '../controls/hash';
import { bindTransport } from '../controls/transport';
import { InspectorView } from '../overlay/inspectorView';
import { latestSentPacket } from '../overlay/focus';
import { LogView } from '../overlay/logView';
import { browserFrameSource, Player, type PlayerState } from '../playback/player';
import { createCanvasView } from '../render/canvasView';
import { themes } from '../render/theme';
import type { FrameView } from '../playback/frameState';
import { pixelHash, readPixels } from '../render/pixels';
import { findScenario, scenarioIds } from '../sim/scenarios';
import { eventCountAt, nearestFrame, timeToFrame } from '../timeline/eventsUpTo';
import { buildModel, type Model } from './model';
import { $, showNotice } from './dom';
import { createDrawScheduler } from './drawScheduler';
import { downloadCapture } from '../export/download';

/** Wiring only: scenario → model → player; the player's frame drives canvas, overlay and URL. */
async function start() {
  const ids = scenarioIds();
  const models = new Map<string, Model>();
  const modelFor = (id: string) => {
    if (!models.has(id)) models.set(id, buildModel(findScenario(id)!));
    return models.get(id)!;
  };
  const initial = parseHash(location.hash, ids, (id) => modelFor(id).plan.durationS);
  document.body.classList.toggle('embed', initial.embed);

  const host = $('#canvas-host');
  let themeName: keyof typeof themes = document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
  const view = await createCanvasView({
    labels: modelFor(initial.scenario).labels,
    width: host.clientWidth,
    height: host.clientHeight,
    resolution: devicePixelRatio,
    theme: themes[themeName],
  });
  host.append(view.canvas);
  view.canvas.setAttribute('role', 'img');

  let teardown = () => {};
  const help = $('#help') as HTMLDialogElement;
  const toggleHelp = () => (help.open ? help.close() : help.showModal());
  const toggleFullscreen = () => {
    const stage = $('.stage');
    if (document.fullscreenElement) void document.exitFullscreen();
    else stage.requestFullscreen?.().catch(() => showNotice(['Full screen is not allowed here.']));
  };
  let pinned: number | undefined;
  const stats = { framesDrawn: 0 };

  let current = initial.scenario;
  let embed = initial.embed;
  const problemsAtStart = initial.problems;
  // Reduced motion follows the system unless the person chose otherwise (kept for the next visit).
  const saved = localStorage.getItem('wirescene.reducedMotion');
  let reducedMotion = saved !== null ? saved === '1' : matchMedia('(prefers-reduced-motion: reduce)').matches;
  const motionBox = $('#reduced-motion') as HTMLInputElement;
  motionBox.checked = reducedMotion;
  const motionNotice = () =>
    reducedMotion ? ['Reduced motion is on: packets appear where they land instead of sliding. Step with → or turn it off below the picture.'] : [];
  const load = (id: string, settings: Pick<HashState, 't' | 'speed' | 'range' | 'loop'>) => {
    teardown();
    current = id;
    const model = modelFor(id);
    const player = new Player(model.frameCount, model.plan.fps, browserFrameSource());
    const inspector = new InspectorView($('#inspector'));
    const log = new LogView($('#log') as HTMLOListElement, model.plan.timeline, (index) => {
      pinned = undefined;
      player.pause();
      player.seek(timeToFrame(model.plan.timeline[index].atS, model.plan.fps));
    });
    const draw = createDrawScheduler(() => {
      const frame = player.frame;
      const frameView = model.evaluatorFor(reducedMotion).evaluate(frame);
      view.draw(frameView);
      const count = eventCountAt(model.plan, frame);
      log.show(count);
      const focus = pinned !== undefined ? model.sim.packets[pinned] : latestSentPacket(model.plan.timeline, count);
      inspector.show(focus, pinned !== undefined);
      view.canvas.setAttribute('aria-label', `${model.scenario.title}. ${frameView.caption}`);
      stats.framesDrawn++;
      if (stats.framesDrawn === 1) performance.mark('wirescene:first-frame');
    });
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
      {
        play: $('#play') as HTMLButtonElement,
        stepBack: $('#step-back') as HTMLButtonElement,
        stepForward: $('#step-forward') as HTMLButtonElement,
        scrubber: $('#scrubber') as HTMLInputElement,
        chapters: $('#chapters'),
        time: $('#time') as HTMLOutputElement,
        speed: $('#speed') as HTMLSelectElement,
        loop: $('#loop') as HTMLButtonElement,
        range: $('#range'),
        ticks: $('#ticks'),
        tip: $('#scrub-tip'),
      },
      player,
      model.plan,
      model.stepFrames,
    );
    const unbindKeys = bindKeyboard(player, () => model.stepFrames, { toggleHelp, toggleFullscreen });
    $('#title').textContent = model.scenario.title;
    $('#download-capture').onclick = () => {
      downloadCapture(model.sim, id).catch((e: unknown) => showNotice([`Could not write the capture: ${(e as Error).message}`]));
    };
    (window as WiresceneWindow).wirescene = {
      player,
      model,
      view,
      stats,
      /** Draws the current frame and fingerprints its pixels (tests compare moments with it). */
      frameView: () => model.evaluatorFor(reducedMotion).evaluate(player.frame),
      pixelHash: () => {
        view.draw(model.evaluatorFor(reducedMotion).evaluate(player.frame));
        return pixelHash(readPixels(view).data);
      },
    };
    const hashOf = (s: PlayerState) =>
      formatHash({
        scenario: id,
        t: s.frame / model.plan.fps,
        speed: s.speed,
        range: s.range && { in: s.range.in / model.plan.fps, out: s.range.out / model.plan.fps },
        loop: s.loop,
        embed,
      });
    $('#copy-link').onclick = () => {
      const url = `${location.origin}${location.pathname}${hashOf({ frame: player.frame, playing: false, speed: player.speed, range: player.range, loop: player.loop })}`;
      navigator.clipboard.writeText(url).then(
        () => showNotice([]),
        () => showNotice([`Copy this link: ${url}`]),
      );
    };
    $('#copy-embed').onclick = () => {
      const state = { frame: player.frame, playing: false, speed: player.speed, range: player.range, loop: player.loop };
      const src = `${location.origin}${location.pathname}${hashOf(state)}${embed ? '' : '&embed=1'}`;
      const code = `<iframe src="${src}" width="720" height="451" style="border:0" allowfullscreen title="${model.scenario.title.replace(/"/g, '&quot;')}"></iframe>`;
      navigator.clipboard.writeText(code).then(
        () => showNotice([]),
        () => showNotice([`Copy this embed code: ${code}`]),
      );
    };
    const fps = model.plan.fps;
    player.setSpeed(settings.speed);
    player.setLoop(settings.loop);
    if (settings.range) player.setRange({ in: nearestFrame(settings.range.in, fps), out: nearestFrame(settings.range.out, fps) });
    player.seek(nearestFrame(settings.t, fps));
    motionBox.onchange = () => {
      reducedMotion = motionBox.checked;
      localStorage.setItem('wirescene.reducedMotion', reducedMotion ? '1' : '0');
      showNotice(motionNotice());
      draw.request();
    };
    draw.request();
    teardown = () => {
      player.pause();
      unsubscribe();
      unbindTransport();
      unbindKeys();
      draw.cancel();
      pinned = undefined;
    };
  };

  const select = $('#scenario') as HTMLSelectElement;
  select.replaceChildren(
    ...ids.map((id) => {
      const o = document.createElement('option');
      o.value = id;
      o.textContent = id;
      return o;
    }),
  );
  select.value = initial.scenario;
  select.addEventListener('change', () => {
    showNotice([]);
    rebuildScene(select.value);
  });

  // Labels (addresses, RTT) belong to the scenario, so a new scenario gets a new scene.
  const rebuildScene = (id: string) => {
    view.replaceScene(modelFor(id).labels);
    load(id, { t: 0, speed: 1, loop: false });
  };

  new ResizeObserver(() => view.resize(host.clientWidth, host.clientHeight, devicePixelRatio)).observe(host);
  $('#help-keys').replaceChildren(
    ...SHORTCUTS.map(([keys, what]) => {
      const tr = document.createElement('tr');
      const k = document.createElement('td');
      k.textContent = keys;
      const w = document.createElement('td');
      w.textContent = what;
      tr.append(k, w);
      return tr;
    }),
  );
  showNotice([...problemsAtStart, ...motionNotice()]);
  $('#help-button').onclick = toggleHelp;
  const themeButton = $('#theme') as HTMLButtonElement;
  const showThemeButton = () => {
    const other = themeName === 'dark' ? 'light' : 'dark';
    themeButton.textContent = other;
    themeButton.setAttribute('aria-label', `${other[0].toUpperCase()}${other.slice(1)} theme`);
  };
  showThemeButton();
  themeButton.onclick = () => {
    themeName = themeName === 'dark' ? 'light' : 'dark';
    localStorage.setItem('wirescene.theme', themeName);
    document.documentElement.dataset.theme = themeName;
    showThemeButton();
    const p = (window as WiresceneWindow).wirescene!.player;
    const fps = modelFor(current).plan.fps;
    view.replaceScene(modelFor(current).labels, themes[themeName]);
    load(current, { t: p.frame / fps, speed: p.speed, loop: p.loop, range: p.range && { in: p.range.in / fps, out: p.range.out / fps } });
  };
  // Someone edits the hash by hand, or follows a link to another moment on this page.
  window.addEventListener('hashchange', () => {
    const next = parseHash(location.hash, ids, (id) => modelFor(id).plan.durationS);
    showNotice(next.problems);
    embed = next.embed;
    document.body.classList.toggle('embed', embed);
    select.value = next.scenario;
    if (next.scenario !== current) view.replaceScene(modelFor(next.scenario).labels);
    load(next.scenario, next);
  });
  load(initial.scenario, initial);
}

export interface WiresceneWindow extends Window {
  wirescene?: {
    player: Player;
    model: Model;
    view: Awaited<ReturnType<typeof createCanvasView>>;
    stats: { framesDrawn: number };
    frameView: () => FrameView;
    pixelHash: () => string;
  };
}

start().catch((err: unknown) => {
  console.error(err);
  showNotice([`wirescene could not start: ${err instanceof Error ? err.message : String(err)}`]);
});
