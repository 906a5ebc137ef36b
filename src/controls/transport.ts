import type { FrameView } from '../playback/frameState';
import type { Player } from '../playback/player';
import { SPEEDS } from '../playback/player';
import { formatClock, formatNetworkTime } from '../timeline/format';
import type { Plan } from '../timeline/plan';
import { describeMoment, flightAt } from '../timeline/inFlight';
import { drawTimelineTicks } from './timelineTicks';

export interface TransportElements {
  play: HTMLButtonElement;
  stepBack: HTMLButtonElement;
  stepForward: HTMLButtonElement;
  scrubber: HTMLInputElement;
  chapters: HTMLElement;
  time: HTMLOutputElement;
  speed: HTMLSelectElement;
  loop: HTMLButtonElement;
  range: HTMLElement;
  ticks: HTMLElement;
  tip: HTMLElement;
}

/** The frame under a pointer at clientX on the slider (its track is inset by half a thumb). */
function frameAtPointer(input: HTMLInputElement, clientX: number, last: number): number {
  const box = input.getBoundingClientRect();
  const inset = 8;
  const ratio = (clientX - box.left - inset) / Math.max(1, box.width - 2 * inset);
  return Math.round(Math.min(1, Math.max(0, ratio)) * last);
}

/**
 * The player bar: buttons, scrubber with chapter marks, speed, and a time readout. What it says
 * about the moment on show (network time, the value text) is read from its FrameView.
 */
export function bindTransport(el: TransportElements, player: Player, plan: Plan, stepFrames: readonly number[], frameView: () => FrameView): () => void {
  const last = player.lastFrame;
  const removers: (() => void)[] = [];
  el.scrubber.max = String(last);
  removers.push(drawTimelineTicks(el.ticks, el.chapters, plan, last));
  // In/out handles: drag them along the track, or focus one and use ← → (Shift: one second).
  const band = document.createElement('span');
  band.setAttribute('aria-hidden', 'true');
  const handle = (label: string, set: (frame: number) => void) => {
    const h = document.createElement('div');
    h.className = 'range-handle';
    h.tabIndex = 0;
    h.setAttribute('role', 'slider');
    h.setAttribute('aria-label', label);
    h.setAttribute('aria-valuemin', '0');
    h.setAttribute('aria-valuemax', String(last));
    h.addEventListener('pointerdown', (e) => {
      h.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    h.addEventListener('pointermove', (e) => {
      if (h.hasPointerCapture(e.pointerId)) set(frameAtPointer(el.scrubber, e.clientX, last));
    });
    h.addEventListener('keydown', (e) => {
      const step = e.shiftKey ? plan.fps : 1;
      const now = Number(h.getAttribute('aria-valuenow'));
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        e.preventDefault();
        e.stopPropagation();
        set(now + (e.key === 'ArrowLeft' ? -step : step));
      }
    });
    return h;
  };
  const inHandle = handle('In point', (f) => {
    const r = player.range;
    if (!r || f < r.out) player.setRange({ in: f, out: r?.out ?? last });
  });
  const outHandle = handle('Out point', (f) => {
    const r = player.range;
    if (!r || f > r.in) player.setRange({ in: r?.in ?? 0, out: f });
  });
  el.range.replaceChildren(band, inHandle, outHandle);
  const onHover = (e: PointerEvent) => {
    const frame = frameAtPointer(el.scrubber, e.clientX, last);
    const t = frame / plan.fps;
    const f = flightAt(plan, t);
    const skip = plan.skips.find((k) => k.atS <= t && t < k.endS);
    el.tip.textContent = `${formatClock(t)} · ${skip ? skip.text : f ? f.label : describeMoment(plan, t)}`;
    el.tip.style.left = `${(frame / last) * 100}%`;
    el.tip.hidden = false;
  };
  el.speed.replaceChildren(
    ...SPEEDS.map((s) => {
      const o = document.createElement('option');
      o.value = String(s);
      o.textContent = `${s}×`;
      o.selected = s === player.speed;
      return o;
    }),
  );

  const listen = <E extends Event>(target: HTMLElement, type: string, handler: (e: E) => void) => {
    target.addEventListener(type, handler as EventListener);
    removers.push(() => target.removeEventListener(type, handler as EventListener));
  };
  listen(el.play, 'click', () => player.toggle());
  listen(el.stepBack, 'click', () => player.stepBack(stepFrames));
  listen(el.stepForward, 'click', () => player.stepForward(stepFrames));
  listen(el.scrubber, 'input', () => {
    player.pause();
    player.seek(Number(el.scrubber.value));
  });
  listen(el.speed, 'change', () => player.setSpeed(Number(el.speed.value)));
  listen(el.loop, 'click', () => player.setLoop(!player.loop));
  listen(el.scrubber, 'pointermove', onHover);
  listen(el.scrubber, 'pointerleave', () => (el.tip.hidden = true));

  const render = () => {
    const view = frameView();
    const t = view.timeS;
    el.play.classList.toggle('playing', player.playing);
    el.play.setAttribute('aria-label', player.playing ? 'Pause' : 'Play');
    el.scrubber.value = String(player.frame);
    const net = formatNetworkTime(view.networkUs);
    el.scrubber.setAttribute('aria-valuetext', `${t.toFixed(2)} seconds, ${view.moment}`);
    el.time.textContent = `${formatClock(t)} / ${formatClock(plan.durationS)} · net ${net}`;
    if (el.speed.value !== String(player.speed)) el.speed.value = String(player.speed);
    el.loop.setAttribute('aria-pressed', String(player.loop));
    const r = player.range;
    el.range.hidden = !r;
    if (r) {
      band.style.left = `${(r.in / last) * 100}%`;
      band.style.width = `${((r.out - r.in) / last) * 100}%`;
      band.title = `in ${formatClock(r.in / plan.fps)} · out ${formatClock(r.out / plan.fps)}`;
      for (const [handle, frame] of [[inHandle, r.in], [outHandle, r.out]] as const) {
        handle.style.left = `${(frame / last) * 100}%`;
        handle.setAttribute('aria-valuenow', String(frame));
        handle.setAttribute('aria-valuetext', `${formatClock(frame / plan.fps)}`);
      }
    }
  };
  const unsubscribe = player.subscribe(render);
  render();

  return () => {
    unsubscribe();
    for (const remove of removers) remove();
  };
}
