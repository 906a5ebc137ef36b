import '../platform/strictPolicy';
import { CAPTURE_SCENARIO, FILE_SCENARIO, parseHash, type HashState, type SceneEnd } from '../controls/hash';
import { createCanvasView } from '../render/canvasView';
import { themes } from '../render/theme';
import { appScenarioIds, defaultScenarioId, findScenario } from '../sim/scenarios';
import { noVariant, type Variant } from '../sim/variant';
import { lastFrame, nearestFrame } from '../timeline/eventsUpTo';
import type { Plan } from '../timeline/plan';
import { defaultScheduleOptions } from '../timeline/schedule';
import { NOT_SAVED } from '../platform/storage';
import { $, showNotice } from './dom';
import { openEmbedBridge } from './embedBridge';
import { createHelpPanel } from './helpPanel';
import { createLoadingView } from './loadingView';
import { NetworkPanel } from './networkPanel';
import { currentTheme, prefersReducedMotion, reducedMotionNotice, saveReducedMotion, saveTheme } from './preferences';
import { onSystemMotionChange } from '../platform/reducedMotion';
import { createCaptureOpener } from './captureOpener';
import { bindTimeScale, sameMomentS } from './timeScalePick';
import { bindScenarioPicker, CAPTURE_OPTION, FILE_OPTION } from './scenarioPicker';
import { openSession, type SessionHandle, type Settings } from './session';
import { createWhatIf, type Shown } from './whatIfController';
import { playedAsRecorded } from './whatIf';

/** Wiring only: URL and preferences → a session per scenario and variant; controls that outlive a session. */
async function start() {
  const ids = appScenarioIds();
  const whatIf = createWhatIf();
  const endOf = (id: string, variant: Variant, file: boolean): SceneEnd => {
    // Known once the file is opened, or once a large scenario has loaded (not worth a frozen page to check a link).
    if (file || whatIf.needsLoad({ kind: 'built-in', id }, variant)) return { lastFrame: Infinity, fps: defaultScheduleOptions.fps };
    try {
      return sceneEnd(whatIf.model({ kind: 'built-in', id }, variant).plan);
    } catch {
      return sceneEnd(whatIf.model({ kind: 'built-in', id }, noVariant()).plan);
    }
  };
  const initial = parseHash(location.hash, ids, endOf);
  let embed = initial.embed;
  document.body.classList.toggle('embed', embed);
  let themeName = currentTheme();
  let reducedMotion = prefersReducedMotion();
  /** A `scenario=file` link's moment, waiting for its file to be opened. */
  let pendingFile: HashState | undefined = initial.file ? initial : undefined;

  const host = $('#canvas-host');
  const view = await createCanvasView({
    // A scenario that loads in slices gets its own labels once loaded (open() replaces the scene).
    labels: whatIf.model({ kind: 'built-in', id: whatIf.needsLoad({ kind: 'built-in', id: initial.scenario }, noVariant()) ? defaultScenarioId : initial.scenario }, noVariant()).labels,
    width: host.clientWidth,
    height: host.clientHeight,
    resolution: devicePixelRatio,
    theme: themes[themeName],
  });
  host.append(view.canvas);
  view.canvas.setAttribute('role', 'img');
  new ResizeObserver(() => view.resize(host.clientWidth, host.clientHeight, devicePixelRatio)).observe(host);

  const toggleHelp = createHelpPanel($('#help') as HTMLDialogElement, $('#help-keys'));
  const toggleFullscreen = () => {
    const refused = () => showNotice(['Full screen is not allowed here (a frame without allowfullscreen): open the page in a tab of its own.']);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else if (!document.fullscreenEnabled || !$('.stage').requestFullscreen) refused();
    else $('.stage').requestFullscreen().catch(refused);
  };
  const context = { view, keyboard: { toggleHelp, toggleFullscreen }, reducedMotion: () => reducedMotion, embed: () => embed };

  let session: SessionHandle | undefined;
  let shown: Shown | undefined;
  // In a frame: the parent page drives the player with postMessage and hears its events.
  const bridge = openEmbedBridge(ids, (id) => open({ kind: 'built-in', id }, noVariant(), { t: 0, speed: 1, loop: false }));
  let sceneKey = '';
  const picker = bindScenarioPicker(
    {
      select: $('#scenario') as HTMLSelectElement,
      description: $('#scenario-description'),
      openButton: $('#open-scenario-file') as HTMLButtonElement,
      fileInput: $('#scenario-file') as HTMLInputElement,
      openCaptureButton: $('#open-capture') as HTMLButtonElement,
      captureInput: $('#capture-file') as HTMLInputElement,
      dropZone: document.body,
    },
    ids.map((id) => findScenario(id)!),
    {
      pick: (value) => {
        showNotice([]);
        if (value === CAPTURE_OPTION && captures.last) open(captures.last, noVariant(), { t: 0, speed: 1, loop: false });
        else if (value === FILE_OPTION && whatIf.file) open(whatIf.fileSource()!, noVariant(), { t: 0, speed: 1, loop: false });
        else open({ kind: 'built-in', id: value }, noVariant(), { t: 0, speed: 1, loop: false });
      },
      file: (name, text) => {
        const problems = openScenarioText(name, text);
        if (problems.length) showNotice(problems);
      },
      captureFiles: (files) => void captures.openFiles(files).then((problems) => problems.length && showNotice(problems)),
      dropsAllowed: () => !embed,
    },
  );
  const network = new NetworkPanel($('#network'), {
    change: (net) => reopen({ net, drops: shown!.variant.drops }),
    problem: (message) => showNotice([message]),
    reset: () => reopen({ net: {}, drops: shown!.variant.drops }),
    restore: () => reopen({ net: shown!.variant.net, drops: [] }),
  });

  /**
   * Shows a scenario with a variant, or keeps what is on screen and says why not (a variant
   * the simulator cannot run). Returns that reason, if any.
   */
  const open = (source: Shown['source'], variant: Variant, settings: Settings, notice: string[] = []): string | undefined => {
    // Whatever was loading is no longer wanted.
    loading?.abort();
    loading = undefined;
    loadingView.hide();
    if (whatIf.needsLoad(source, variant)) {
      loadThenOpen(source as Extract<Shown['source'], { kind: 'built-in' }>, variant, settings, notice);
      return undefined;
    }
    let next: Shown;
    try {
      next = whatIf.show(source, variant);
    } catch (e) {
      const why = `Could not simulate that: ${(e as Error).message.split('\n').join(' ')}`;
      showNotice([...notice, why]);
      if (shown) picker.show(pickerValue(shown), shown.base, fileNameOf(shown));
      return why;
    }
    session?.close();
    const key = `${JSON.stringify(next.model.labels)}|${themeName}`;
    if (key !== sceneKey) view.replaceScene(next.model.labels, themes[themeName]);
    sceneKey = key;
    shown = next;
    // Kept from another variant or a file link: a range past this scenario's last frame is dropped, not cut.
    const { lastFrame, fps } = sceneEnd(next.model.plan);
    const range = settings.range && nearestFrame(settings.range.out, fps) <= lastFrame ? settings.range : undefined;
    const captured = source.kind === 'capture';
    const recorded = playedAsRecorded(source);
    // A trace file, like a scenario file, is a file a link cannot carry: scenario=file asks for it again.
    const hashId = source.kind === 'file' || source.kind === 'trace' ? FILE_SCENARIO : captured ? CAPTURE_SCENARIO : source.id;
    session = openSession(hashId, next.model, { ...settings, range }, {
      ...context,
      // A capture or trace is played as recorded: no what-if knobs, no "lose this packet".
      ...(captured ? { stream: source.stream, time: source.time } : recorded ? { time: source.time } : { whatIf: { variant: () => next.variant, losePacket: (packet) => losePacket(packet) } }),
      scenarioFlags: () => whatIf.scenarioFlags(next),
    });
    (window as WiresceneWindow).wirescene = session;
    bridge?.attach(session.player, hashId);
    picker.show(pickerValue(next), next.base, fileNameOf(next));
    $('#network').hidden = recorded;
    timeScale.show(recorded ? (source.time ?? 'fit') : undefined);
    network.show(next.base, variant.net);
    const cost = whatIf.costLine(next);
    network.showWhatIf(whatIf.dropsLine(next));
    showNotice(cost ? [...notice, cost] : notice);
    return undefined;
  };

  /**
   * A large built-in (bulk-100k) is simulated and scheduled in slices behind a progress bar:
   * the page keeps drawing and answering input, and what was on screen stays until it is ready.
   */
  const loadingView = createLoadingView($('#loading'));
  let loading: AbortController | undefined;
  const loadThenOpen = (source: Extract<Shown['source'], { kind: 'built-in' }>, variant: Variant, settings: Settings, notice: string[]) => {
    const abort = new AbortController();
    loading = abort;
    const base = findScenario(source.id)!;
    picker.show(source.id, base, undefined);
    showNotice(notice);
    loadingView.show(base.title);
    whatIf.load(source, variant, { signal: abort.signal, onProgress: (p) => loadingView.update(p) }).then(
      () => {
        if (loading !== abort) return;
        open(source, variant, settings, notice);
      },
      (e: unknown) => {
        if (abort.signal.aborted) return;
        loading = undefined;
        loadingView.hide();
        showNotice([...notice, `Could not load ${base.title}: ${(e as Error).message}`]);
        if (shown) picker.show(pickerValue(shown), shown.base, fileNameOf(shown));
      },
    );
  };

  /** The same scenario with other what-if changes, staying in the same chapter. */
  const reopen = (variant: Variant) => {
    if (!shown || !session) return;
    const before = shown;
    const playing = session.player.playing;
    // A variant that loads in slices keeps the moment (finding its chapter would mean simulating it now).
    const t = whatIf.needsLoad(before.source, variant) ? session.settings().t : whatIf.sameChapterT(before, session.settings().t, variant);
    if (!open(before.source, variant, { ...session.settings(), t }) && playing) session.player.play(); // a knob turned while playing keeps playing
  };

  // A capture's time scale: the same network moment in the re-timed plan.
  const timeScale = bindTimeScale($('#time-scale-pick'), $('#time-scale') as HTMLSelectElement, (time) => {
    if (!shown || !playedAsRecorded(shown.source) || !session) return;
    const before = shown.model.plan;
    const playing = session.player.playing;
    const source = { ...shown.source, time };
    const after = whatIf.model(source, noVariant()).plan;
    const t = sameMomentS(before, session.settings().t, after);
    if (!open(source, noVariant(), { ...session.settings(), t, range: undefined }) && playing) session.player.play();
  });

  /** "lose this packet": simulate again with it dropped, at the moment it is sent. */
  const losePacket = (packet: Parameters<typeof whatIf.dropFor>[1]) => {
    if (!shown || !session) return;
    const drop = whatIf.dropFor(shown, packet);
    if (!drop) return;
    const variant = { net: shown.variant.net, drops: [...shown.variant.drops, drop] };
    const t = (whatIf.needsLoad(shown.source, variant) ? undefined : whatIf.sendTimeS(shown, variant, packet.id)) ?? session.settings().t;
    open(shown.source, variant, { ...session.settings(), t });
  };

  /** A scenario or trace file's text (from the picker, a drop, or the record CLI): its problems, or none and it is on screen. */
  const openScenarioText = (name: string, text: string | { tooBig: number }): string[] => {
    let opened: ReturnType<typeof whatIf.readFile>;
    try {
      opened = whatIf.readFile(name, text);
    } catch (e) {
      if (shown) picker.show(pickerValue(shown), shown.base, fileNameOf(shown));
      return whatIf.problems(e, name);
    }
    whatIf.setFile(name, opened);
    // Opening the file a `scenario=file` link was made with: its moment and what-if changes (a trace has none).
    const link = pendingFile?.capture ? undefined : pendingFile;
    if (link) pendingFile = undefined;
    const source = whatIf.fileSource()!;
    // A trace is played at the link's time scale (its t= is a moment at that scale).
    const failed = open(source.kind === 'trace' ? { ...source, time: link?.time } : source, opened.sim ? noVariant() : (link?.variant ?? noVariant()), link ?? { t: 0, speed: 1, loop: false });
    const unused = link?.time !== undefined && source.kind !== 'trace' ? [`Ignored time=${link.time}: it goes with a trace file, and ${name} is a scenario file.`] : [];
    return failed ? [`${name}: ${failed}`] : unused;
  };
  const captures = createCaptureOpener({
    whatIf,
    dialog: $('#conversations') as HTMLDialogElement,
    // A `scenario=capture` link's conversation and moment, used once, when its capture is opened.
    takeLink: () => {
      const link = pendingFile?.capture ? pendingFile : undefined;
      if (link) pendingFile = undefined;
      return link;
    },
    shownCapture: () => (shown?.source.kind === 'capture' ? { source: shown.source, settings: session!.settings() } : undefined),
    open,
  });
  (window as WiresceneWindow).wiresceneApp = {
    openScenarioText: (name: string, text: string) => openScenarioText(name, text),
    openCaptureFiles: (files: File[]) => captures.openFiles(files),
  };

  const motionBox = $('#reduced-motion') as HTMLInputElement;
  motionBox.checked = reducedMotion;
  motionBox.onchange = () => {
    reducedMotion = motionBox.checked;
    const kept = saveReducedMotion(reducedMotion);
    showNotice([...reducedMotionNotice(reducedMotion), ...(kept ? [] : [NOT_SAVED])]);
    session?.redraw();
  };
  // Where nothing is saved the system decides, as in <wire-scene>: follow it while the page is open.
  onSystemMotionChange(() => {
    reducedMotion = motionBox.checked = prefersReducedMotion();
    session?.redraw();
  });

  const themeButton = $('#theme') as HTMLButtonElement;
  const showThemeButton = () => {
    const other = themeName === 'dark' ? 'light' : 'dark';
    themeButton.textContent = other;
    themeButton.setAttribute('aria-label', `${other[0].toUpperCase()}${other.slice(1)} theme`);
  };
  showThemeButton();
  themeButton.onclick = () => {
    themeName = themeName === 'dark' ? 'light' : 'dark';
    const kept = saveTheme(themeName);
    showThemeButton();
    if (shown) open(shown.source, shown.variant, session!.settings(), kept ? [] : [NOT_SAVED]);
  };
  $('#help-button').onclick = toggleHelp;

  // Someone edits the hash by hand, or follows a link to another moment on this page.
  window.addEventListener('hashchange', () => {
    const fileOpen = shown?.source.kind === 'file' || shown?.source.kind === 'trace' ? shown.source : undefined;
    const captureOpen = shown?.source.kind === 'capture' ? shown.source : undefined;
    // The link's end is the open capture's or trace's at the link's time scale.
    const linkedTime = new URLSearchParams(location.hash.slice(1)).get('time') ?? undefined;
    const opened = captureOpen ? { ...captureOpen, time: linkedTime } : fileOpen?.kind === 'trace' ? { ...fileOpen, time: linkedTime } : fileOpen;
    const next = parseHash(location.hash, ids, (id, variant, file) => (file && opened ? tryEnd(opened, variant) : endOf(id, variant, file)));
    embed = next.embed;
    document.body.classList.toggle('embed', embed);
    if (next.capture && captureOpen) {
      open({ ...captureOpen, stream: next.capture.stream ?? captureOpen.stream, time: next.capture.time }, noVariant(), next, next.problems.slice(1));
      return;
    }
    // scenario=file with a file open: that file, without the "cannot carry" notice.
    const problems = next.file && fileOpen && !next.capture ? next.problems.slice(1) : next.problems;
    if (next.file && !fileOpen) pendingFile = next;
    const file = fileOpen?.kind === 'trace' ? { ...fileOpen, time: next.time } : fileOpen;
    open(next.file && file && !next.capture ? file : { kind: 'built-in', id: next.scenario }, next.variant, next, problems);
  });
  const tryEnd = (source: Shown['source'], variant: Variant): SceneEnd => {
    try {
      return sceneEnd(whatIf.model(source, variant).plan);
    } catch {
      return { lastFrame: Infinity, fps: defaultScheduleOptions.fps };
    }
  };

  const noWebGL = view.rendererName === 'webgl' ? [] : ['WebGL is not available in this browser: the picture is drawn with the slower Canvas renderer.'];
  const notice = [...initial.problems, ...noWebGL, ...reducedMotionNotice(reducedMotion)];
  const first = { kind: 'built-in', id: initial.scenario } as const;
  // A link whose changes cannot be simulated still opens: the scenario as it is, and why.
  const failed = open(first, initial.file ? noVariant() : initial.variant, initial, notice);
  if (failed) open(first, noVariant(), initial, [...notice, failed]);
}

const sceneEnd = (plan: Plan): SceneEnd => ({ lastFrame: lastFrame(plan), fps: plan.fps });

const pickerValue = (s: Shown) => (s.source.kind === 'file' || s.source.kind === 'trace' ? FILE_OPTION : s.source.kind === 'capture' ? CAPTURE_OPTION : s.source.id);
const fileNameOf = (s: Shown) => (s.source.kind === 'built-in' ? undefined : s.source.name);

export interface WiresceneWindow extends Window {
  wirescene?: SessionHandle;
  /** For the record CLI and tests: open a scenario or trace file's text as "open scenario file…" does; returns its problems. */
  wiresceneApp?: {
    openScenarioText: (name: string, text: string) => string[];
    /** Opens captures and key logs as "open capture…" and a drop do; resolves with the problems shown. */
    openCaptureFiles: (files: File[]) => Promise<string[]>;
  };
}

start().catch((err: unknown) => {
  console.error(err);
  showNotice([`wirescene could not start: ${err instanceof Error ? err.message : String(err)}`]);
});
