/**
 * A live region that speaks at the pace of reading: when the figure settles on something new,
 * the description is read once after `delayMs` of calm, never frame by frame.
 */
export function createAnnouncer(region: HTMLElement, delayMs: number): (describe: () => string) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (describe) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const text = describe();
      if (region.textContent !== text) region.textContent = text;
    }, delayMs);
  };
}
