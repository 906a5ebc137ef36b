import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { drawn, open, page, setupAppPage } from './support/appPage';

setupAppPage();

/** What the person sees of the canvas (the compositor's copy, not a fresh draw), as RGBA. */
const shot = async () => PNG.sync.read(await page.locator('#canvas-host canvas').screenshot()).data;
/** Pixels that differ at all (threshold 0). */
const differing = (a: Buffer, b: Buffer) => {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2] || a[i + 3] !== b[i + 3]) n++;
  return a.length === b.length ? n : Number.POSITIVE_INFINITY;
};
const contextLost = () => page.evaluate(() => (window as any).wirescene.view.app.renderer.gl.isContextLost() as boolean);

/** Loses the canvas's WebGL context as a GPU reset would (WEBGL_lose_context) and waits until it is gone. */
async function loseContext(): Promise<void> {
  await page.evaluate(() => {
    const gl = (window as any).wirescene.view.app.renderer.gl as WebGL2RenderingContext;
    (window as any).loseContextExtension = gl.getExtension('WEBGL_lose_context');
    (window as any).loseContextExtension.loseContext();
  });
  await expect.poll(contextLost).toBe(true);
  await drawn();
}

/** Gives the context back and waits two frames; nothing else happens on the page. */
async function restoreContext(): Promise<void> {
  await page.evaluate(() => (window as any).loseContextExtension.restoreContext());
  await expect.poll(contextLost).toBe(false);
  await drawn();
  await drawn();
}

describe('the WebGL context', () => {
  it('lost and restored while paused, twice: the same picture comes back, captions included, with no one touching anything', async () => {
    await open('#scenario=https&t=5.80');
    await drawn();
    const before = await shot();
    const drawsBefore = await page.evaluate(() => (window as any).wirescene.stats.framesDrawn);
    for (let cycle = 0; cycle < 2; cycle++) {
      await loseContext();
      expect(differing(await shot(), before)).toBeGreaterThan(10_000); // the loss is visible: the canvas is blank
      await restoreContext();
      expect(differing(await shot(), before), `after restore ${cycle + 1}`).toBe(0);
    }
    // Redrawn by the view itself: the player was not asked for a frame, and still does not play.
    expect(await page.evaluate(() => (window as any).wirescene.stats.framesDrawn)).toBe(drawsBefore);
    expect(await page.evaluate(() => (window as any).wirescene.player.playing)).toBe(false);
  });

  it('a seek while the context is lost: the restored canvas shows the new moment, as a fresh load of it does', async () => {
    await open('#scenario=https&t=2.00');
    await drawn();
    const atTwo = await shot();
    const frameAtTwo = await page.evaluate(() => (window as any).wirescene.player.frame as number);
    await page.evaluate(() => (window as any).wirescene.player.seek(Math.round(5.8 * 60)));
    await drawn();
    expect(differing(await shot(), atTwo)).toBeGreaterThan(0);
    await loseContext();
    await page.evaluate((f) => (window as any).wirescene.player.seek(f), frameAtTwo);
    await drawn();
    await restoreContext();
    expect(differing(await shot(), atTwo)).toBe(0);
  });
});
