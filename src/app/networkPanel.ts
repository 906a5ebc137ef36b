import { el } from '../overlay/dom';
import type { Scenario } from '../sim/scenario';
import { KNOBS, knobValue, readKnob, type KnobSpec, type NetKnobs } from '../sim/variant';

/** How long typing pauses before the scenario is simulated again. */
export const KNOB_DEBOUNCE_MS = 400;

export interface NetworkPanelHooks {
  /** The knobs changed (values equal to the scenario's own are left out). */
  change: (net: NetKnobs) => void;
  /** A value that cannot be used: shown in the notice; nothing is simulated. */
  problem: (message: string) => void;
  /** "reset": the scenario's own network again. */
  reset: () => void;
  /** "restore": no packet lost on purpose any more. */
  restore: () => void;
}

const show = (n: number) => String(n);

/**
 * $ network: RTT, bandwidth, loss and response size of the scenario on screen, editable.
 * Typing simulates again after a pause (Enter or leaving the field: at once); a bad value is
 * named and left for the reader to fix. Below, the what-if line (a lost packet and its cost)
 * with "restore".
 */
export class NetworkPanel {
  private readonly inputs = new Map<KnobSpec, HTMLInputElement>();
  private readonly resetButton = el('button', 'net-reset', 'reset');
  private readonly whatIf = el('p', 'what-if');
  private readonly whatIfText = el('span');
  private base?: Scenario;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(root: HTMLElement, private readonly hooks: NetworkPanelHooks) {
    const row = el('div', 'net-knobs');
    row.append(el('span', 'net-title', '$ network'));
    for (const k of KNOBS) {
      const input = el('input');
      Object.assign(input, { type: 'text', inputMode: k.integer ? 'numeric' : 'decimal', size: k.key === 'bodyBytes' ? 9 : 5, spellcheck: false, autocomplete: 'off' });
      input.setAttribute('aria-label', `${k.label}${k.unit ? ` in ${k.unit}` : ' (fraction of packets lost each way)'}`);
      input.title = `${k.label}: ${k.min} to ${k.max.toLocaleString('en-US')}${k.unit ? ` ${k.unit}` : ' (0.01 = 1 % of packets lost each way)'}`;
      input.addEventListener('input', () => this.schedule());
      input.addEventListener('change', () => this.apply());
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') this.apply();
      });
      const label = el('label', 'knob');
      label.append(`${k.label} `, input, k.unit ? ` ${k.unit}` : '');
      row.append(label);
      this.inputs.set(k, input);
    }
    this.resetButton.type = 'button';
    this.resetButton.title = "Back to the scenario's own network";
    this.resetButton.addEventListener('click', () => hooks.reset());
    row.append(this.resetButton);
    const restore = el('button', 'what-if-restore', 'restore');
    restore.type = 'button';
    restore.title = 'Simulate again without the lost packets';
    restore.addEventListener('click', () => hooks.restore());
    this.whatIf.append(this.whatIfText, ' ', restore);
    this.whatIf.setAttribute('role', 'status');
    this.whatIf.hidden = true;
    root.replaceChildren(row, this.whatIf);
  }

  /** The values in use: the scenario's own, or the knobs' where set. */
  show(base: Scenario, net: NetKnobs): void {
    clearTimeout(this.timer);
    this.base = base;
    for (const [k, input] of this.inputs) {
      const changed = net[k.key] !== undefined;
      input.value = show(net[k.key] ?? knobValue(base, k.key));
      input.classList.toggle('changed', changed);
      input.removeAttribute('aria-invalid');
    }
    this.resetButton.hidden = !Object.values(net).some((v) => v !== undefined);
  }

  /** The packets lost on purpose ("what if, lost: SYN (c2s:1)"), or none. */
  showWhatIf(text: string | undefined): void {
    this.whatIfText.textContent = text ?? '';
    this.whatIf.hidden = text === undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.apply(), KNOB_DEBOUNCE_MS);
  }

  /** Reads every field; all good: reports the knobs that differ from the scenario. */
  private apply(): void {
    clearTimeout(this.timer);
    if (!this.base) return;
    const net: NetKnobs = {};
    for (const [k, input] of this.inputs) {
      const read = readKnob(k, input.value);
      if ('problem' in read) {
        input.setAttribute('aria-invalid', 'true');
        this.hooks.problem(`${k.label} "${input.value.slice(0, 24)}": ${read.problem.replace(/such as \w+=/, 'such as ')}.`);
        return;
      }
      input.removeAttribute('aria-invalid');
      if (read.value !== knobValue(this.base, k.key)) net[k.key] = read.value;
    }
    this.hooks.change(net);
  }
}
