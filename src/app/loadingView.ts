import type { LoadProgress } from '../playback/model';

/**
 * The progress bar over the canvas while a large scenario loads in slices. The bar moves
 * with every slice; the status line (read by screen readers) changes only at each tenth,
 * so it is heard a few times, not hundreds.
 */
export function createLoadingView(el: HTMLElement) {
  const bar = el.querySelector('progress')!;
  const status = el.querySelector<HTMLElement>('.loading-status')!;
  let said = '';
  const say = (text: string) => {
    if (text !== said) status.textContent = said = text;
  };
  return {
    show(title: string): void {
      el.hidden = false;
      bar.value = 0;
      say(`Loading “${title}”…`);
    },
    update(p: LoadProgress): void {
      bar.value = p.fraction;
      const tenth = `${Math.floor(p.fraction * 10) * 10} %`;
      const packets = p.packets.toLocaleString('en');
      say(p.phase === 'simulate' ? `Simulating the network: ${packets} packets so far (${tenth})` : `Placing ${packets} packets on the timeline (${tenth})`);
    },
    hide(): void {
      el.hidden = true;
      say('');
    },
    get shown(): boolean {
      return !el.hidden;
    },
  };
}
