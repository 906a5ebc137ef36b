import { LAYOUTS } from './attributes';

const SVG = 'http://www.w3.org/2000/svg';

/** A 12-pixel button icon from one path (built with the DOM: no markup strings). */
function icon(d: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '12');
  svg.setAttribute('height', '12');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

/**
 * The element's look. Colours come from custom properties a page may set (`--wire-scene-*`), with
 * the theme's defaults; parts (`::part(controls)` …) let a page restyle the controls. A constructed
 * style sheet, not a <style> element, so a page whose CSP forbids inline style still styles it.
 */
const css = `
:host { display: block; position: relative; font: 13px var(--wire-scene-font, 'JetBrains Mono', ui-monospace, monospace); contain: content; }
:host([hidden]) { display: none; }
figure { margin: 0; background: var(--wire-scene-background, #0d1117); color: var(--wire-scene-color, #e6edf3); --_border: var(--wire-scene-border, #30363d); --_muted: var(--wire-scene-muted, #8b949e); --_accent: var(--wire-scene-accent, #3fb950); }
figure.light { background: var(--wire-scene-background, #ffffff); color: var(--wire-scene-color, #1f2328); --_border: var(--wire-scene-border, #d0d7de); --_muted: var(--wire-scene-muted, #59636e); --_accent: var(--wire-scene-accent, #1a7f37); }
.canvas { width: 100%; aspect-ratio: ${LAYOUTS.landscape}; position: relative; }
.canvas canvas { display: block; width: 100%; height: 100%; }
.bar { display: flex; gap: 0.5rem; align-items: center; padding: 0.3rem 0.5rem; border-top: 1px solid var(--_border); }
.bar[hidden] { display: none; }
button { font: inherit; color: inherit; background: transparent; border: 1px solid var(--_border); border-radius: 4px; cursor: pointer; min-width: 2.2rem; min-height: 1.6rem; }
input { flex: 1; accent-color: var(--_accent); min-width: 4rem; }
.time { color: var(--_muted); white-space: nowrap; font-variant-numeric: tabular-nums; }
.error { position: absolute; inset: 0.5rem 0.5rem auto 0.5rem; margin: 0; color: var(--wire-scene-error, #e3b341); background: var(--wire-scene-background, #0d1117); border: 1px solid currentColor; padding: 0.25rem 0.5rem; }
.error[hidden] { display: none; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
:focus-visible { outline: 2px solid var(--wire-scene-focus, #58a6ff); outline-offset: 2px; }
`;

let sheet: CSSStyleSheet | undefined;

/** The shadow tree: a figure named by the scenario, its canvas, a description, the transport bar and an error line. */
export function buildShadow(root: ShadowRoot) {
  sheet ??= (() => {
    const s = new CSSStyleSheet();
    s.replaceSync(css);
    return s;
  })();
  root.adoptedStyleSheets = [sheet];
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, part?: string, className?: string) => {
    const e = document.createElement(tag);
    if (part) e.setAttribute('part', part);
    if (className) e.className = className;
    return e;
  };
  const figure = el('figure', 'figure');
  const host = el('div', 'canvas', 'canvas');
  const canvas = el('canvas');
  canvas.setAttribute('role', 'img');
  host.append(canvas);
  const description = el('p', undefined, 'sr-only');
  description.id = 'description';
  figure.setAttribute('aria-describedby', 'description');
  const bar = el('div', 'controls', 'bar');
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Playback');
  const button = el('button', 'play-button');
  button.type = 'button';
  const slider = el('input', 'timeline');
  slider.type = 'range';
  slider.min = '0';
  slider.step = '1';
  slider.setAttribute('aria-label', 'Timeline');
  const time = el('span', 'time', 'time');
  const error = el('p', 'error', 'error');
  error.setAttribute('role', 'alert');
  error.hidden = true;
  bar.append(button, slider, time);
  figure.append(host, description, bar, error);
  root.append(figure);
  return { figure, host, canvas, description, bar, button, slider, time, error, playIcon: icon('M4 2v12l10-6z'), pauseIcon: icon('M3 2h4v12H3zM9 2h4v12H9z') };
}

export type ShadowParts = ReturnType<typeof buildShadow>;
