import { parseHash } from '../controls/hash';
import { createCanvasView } from '../render/canvasView';
import { themes } from '../render/theme';
import { findScenario, scenarioIds } from '../sim/scenarios';
import { el } from '../overlay/dom';
import { $, showNotice } from './dom';
import { createHelpPanel } from './helpPanel';
import { buildModel, type Model } from './model';
import { currentTheme, prefersReducedMotion, reducedMotionNotice, saveReducedMotion, saveTheme } from './preferences';
import { openSession, type SessionHandle, type Settings } from './session';

/** Wiring only: URL and preferences → a session per scenario; controls that outlive a session. */
async function start() {
  const ids = scenarioIds();
  const models = new Map<string, Model>();
  const modelFor = (id: string) => {
    if (!models.has(id)) models.set(id, buildModel(findScenario(id)!));
    return models.get(id)!;
  };
  const initial = parseHash(location.hash, ids, (id) => modelFor(id).plan.durationS);
  let embed = initial.embed;
  document.body.classList.toggle('embed', embed);
  let themeName = currentTheme();
  let reducedMotion = prefersReducedMotion();

  const host = $('#canvas-host');
  const view = await createCanvasView({
    labels: modelFor(initial.scenario).labels,
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
    if (document.fullscreenElement) void document.exitFullscreen();
    else $('.stage').requestFullscreen?.().catch(() => showNotice(['Full screen is not allowed here.']));
  };
  const context = { view, keyboard: { toggleHelp, toggleFullscreen }, reducedMotion: () => reducedMotion, embed: () => embed };

  let session: SessionHandle | undefined;
  let current = initial.scenario;
  /** Labels (addresses, RTT) and colours belong to the scene: a new scenario or theme gets a fresh one. */
  const open = (id: string, settings: Settings, freshScene: boolean) => {
    session?.close();
    if (freshScene) view.replaceScene(modelFor(id).labels, themes[themeName]);
    current = id;
    session = openSession(id, modelFor(id), settings, context);
    (window as WiresceneWindow).wirescene = session;
  };

  const select = $('#scenario') as HTMLSelectElement;
  select.replaceChildren(
    ...ids.map((id) => Object.assign(el('option', undefined, id), { value: id })),
  );
  select.value = initial.scenario;
  select.addEventListener('change', () => {
    showNotice([]);
    open(select.value, { t: 0, speed: 1, loop: false }, true);
  });

  const motionBox = $('#reduced-motion') as HTMLInputElement;
  motionBox.checked = reducedMotion;
  motionBox.onchange = () => {
    reducedMotion = motionBox.checked;
    saveReducedMotion(reducedMotion);
    showNotice(reducedMotionNotice(reducedMotion));
    session?.redraw();
  };

  const themeButton = $('#theme') as HTMLButtonElement;
  const showThemeButton = () => {
    const other = themeName === 'dark' ? 'light' : 'dark';
    themeButton.textContent = other;
    themeButton.setAttribute('aria-label', `${other[0].toUpperCase()}${other.slice(1)} theme`);
  };
  showThemeButton();
  themeButton.onclick = () => {
    themeName = themeName === 'dark' ? 'light' : 'dark';
    saveTheme(themeName);
    showThemeButton();
    open(current, session!.settings(), true);
  };
  $('#help-button').onclick = toggleHelp;

  // Someone edits the hash by hand, or follows a link to another moment on this page.
  window.addEventListener('hashchange', () => {
    const next = parseHash(location.hash, ids, (id) => modelFor(id).plan.durationS);
    showNotice(next.problems);
    embed = next.embed;
    document.body.classList.toggle('embed', embed);
    select.value = next.scenario;
    open(next.scenario, next, next.scenario !== current);
  });

  showNotice([...initial.problems, ...reducedMotionNotice(reducedMotion)]);
  open(initial.scenario, initial, false);
}

export interface WiresceneWindow extends Window {
  wirescene?: SessionHandle;
}

start().catch((err: unknown) => {
  console.error(err);
  showNotice([`wirescene could not start: ${err instanceof Error ? err.message : String(err)}`]);
});
