/** Coalesces any number of redraw requests into one draw on the next animation frame. */
export function createDrawScheduler(draw: () => void) {
  let handle: number | undefined;
  return {
    request(): void {
      handle ??= requestAnimationFrame(() => {
        handle = undefined;
        draw();
      });
    },
    cancel(): void {
      if (handle !== undefined) cancelAnimationFrame(handle);
      handle = undefined;
    },
  };
}
