import { describe, expect, it } from 'vitest';
import { drawn, flightMiddle, frame, inspectorText, logLines, open, page, setupAppPage } from './support/appPage';

setupAppPage();

describe('the player', () => {
  it('draws nothing while idle (render on demand)', async () => {
    await open();
    await drawn();
    const before = await page.evaluate(() => (window as any).wirescene.stats.framesDrawn);
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as any).wirescene.stats.framesDrawn)).toBe(before);
  });
  it('plays: the Play button becomes Pause, the log grows and the inspector shows TCP', async () => {
    await open();
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    await expect.poll(logLines, { timeout: 10_000 }).toBeGreaterThan(3);
    await expect.poll(() => page.locator('#inspector .layer-tcp > summary').count()).toBe(1);
    expect(await page.locator('#inspector .layer-tcp > summary').innerText()).toMatch(/^TCP/);
    // Space while the button has focus toggles once, not twice (keyboard handler + button activation).
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByRole('button', { name: 'Pause' }).click();
    const paused = await frame();
    await page.waitForTimeout(300);
    expect(await frame()).toBe(paused);

    const before = await inspectorText();
    await page.getByRole('button', { name: 'Step forward' }).click();
    await drawn();
    await page.getByRole('button', { name: 'Step forward' }).click();
    await drawn();
    expect(await inspectorText()).not.toBe(before);
  });
  it('steps packet by packet with the keyboard and lands on real events', async () => {
    await open();
    const steps = await page.evaluate(() => (window as any).wirescene.model.stepFrames as number[]);
    await page.keyboard.press('ArrowRight');
    expect(await frame()).toBe(steps[0]);
    await page.keyboard.press('ArrowRight');
    expect(await frame()).toBe(steps[1]);
    await page.keyboard.press('ArrowLeft');
    expect(await frame()).toBe(steps[0]);
    await drawn();
    expect(await inspectorText()).toContain('SYN');
    await page.keyboard.press('.');
    expect(await frame()).toBe(steps[0] + 1);
    await page.keyboard.press(',');
    expect(await frame()).toBe(steps[0]);
    await page.keyboard.press('End');
    await drawn();
    expect(await page.locator('#log li[data-index]').last().innerText()).toContain('Connection closed');
    await page.keyboard.press('Home');
    expect(await frame()).toBe(0);
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => (window as any).wirescene.player.playing)).toBe(true);
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => (window as any).wirescene.player.playing)).toBe(false);
  });
  it('does what the help panel says for every shortcut', async () => {
    await open();
    const state = () => page.evaluate(() => {
      const p = (window as any).wirescene.player;
      return { frame: p.frame, speed: p.speed, loop: p.loop, range: p.range, last: p.lastFrame, playing: p.playing };
    });
    const last = (await state()).last;
    await page.keyboard.press('5');
    expect((await state()).frame).toBe(Math.round(last / 2));
    await page.keyboard.press('Shift+ArrowRight');
    expect((await state()).frame).toBe(Math.round(last / 2) + 60);
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Shift+ArrowLeft');
    expect((await state()).frame).toBe(Math.round(last / 2) - 60);
    await page.keyboard.press('i');
    await page.keyboard.press('9');
    await page.keyboard.press('o');
    expect((await state()).range).toEqual({ in: Math.round(last / 2) - 60, out: Math.round((last * 9) / 10) });
    expect(await page.locator('#range').isVisible()).toBe(true);
    await page.keyboard.press('l');
    expect((await state()).loop).toBe(true);
    expect(await page.locator('#loop').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press(']');
    expect((await state()).speed).toBe(1.5);
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    expect((await state()).speed).toBe(0.75);
    expect(await page.locator('#speed').inputValue()).toBe('0.75');
    await page.keyboard.press('0');
    expect((await state()).frame).toBe(0);
    await page.keyboard.press('k');
    expect((await state()).playing).toBe(true);
    const playedFrom = (await state()).frame; // play starts at the in point (and has moved on a little)
    expect(playedFrom).toBeGreaterThanOrEqual(Math.round(last / 2) - 60);
    expect(playedFrom).toBeLessThan(Math.round(last / 2));
    await page.keyboard.press('k');
    await page.keyboard.press('?');
    expect(await page.locator('#help').isVisible()).toBe(true);
    expect(await page.locator('#help').innerText()).toContain('set the in / out point here');
    await page.keyboard.press('Escape');
    expect(await page.locator('#help').isVisible()).toBe(false);
    await page.keyboard.press('f');
    await expect
      .poll(async () => (await page.evaluate(() => document.fullscreenElement?.className)) ?? (await page.locator('#notice').innerText()))
      .toMatch(/^stage$|Full screen is not allowed here/);
    await page.evaluate(() => document.fullscreenElement && document.exitFullscreen());
    await drawn();
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toMatch(/&speed=0\.75&range=\d+\.\d\d-\d+\.\d\d&loop=1$/);
  });
  it('scrubs by dragging, frame-exact: the pixels equal those of the deep link to that time', async () => {
    await open();
    await page.locator('#scrubber').scrollIntoViewIfNeeded(); // the mouse works in the viewport, as a reader's does
    const box = (await page.locator('#scrubber').boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + 8, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 8 + (box.width * 0.37 * i) / 10, y);
    await page.mouse.up();
    await drawn();
    const frame = await page.evaluate(() => (window as any).wirescene.player.frame as number);
    expect(frame).toBeGreaterThan(100);
    const dragged = await page.evaluate(() => (window as any).wirescene.pixelHash());
    const log = await page.locator('#log').innerText();
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toBe(`#scenario=https&t=${(frame / 60).toFixed(2)}`);
    await open(hash);
    expect(await page.evaluate(() => (window as any).wirescene.player.frame)).toBe(frame);
    expect(await page.evaluate(() => (window as any).wirescene.pixelHash())).toBe(dragged);
    expect(await page.locator('#log').innerText()).toBe(log);
  });
  it('shows the time and the packet in flight when hovering the timeline', async () => {
    await open();
    const target = await flightMiddle('ClientHello');
    await page.locator('#scrubber').scrollIntoViewIfNeeded(); // the mouse works in the viewport, as a reader's does
    const box = (await page.locator('#scrubber').boundingBox())!;
    await page.mouse.move(box.x + 8 + ((box.width - 16) * target.frame) / target.last, box.y + box.height / 2);
    const tip = page.locator('#scrub-tip');
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.innerText()).toMatch(/^0:0\d\.\d\d · ClientHello$/);
    // One canvas of tick columns, whatever the number of packets (every packet counted in it).
    expect(await page.locator('#ticks canvas').getAttribute('data-packets')).toBe(String(await page.evaluate(() => (window as any).wirescene.model.plan.flights.length)));
    expect(await page.locator('#ticks span:not(.skip)').count()).toBe(0);
    expect(await page.locator('#ticks span.skip').count()).toBe(await page.evaluate(() => (window as any).wirescene.model.plan.skips.length));
    await page.evaluate((f) => (window as any).wirescene.player.seek(f), target.frame);
    expect(await page.locator('#scrubber').getAttribute('aria-valuetext')).toMatch(/^\d+\.\d\d seconds, ClientHello in flight$/);
  });
  it('moves the in and out points with handles on the track, by mouse and by keyboard', async () => {
    await open('#range=2.00-8.00');
    const handleIn = page.getByRole('slider', { name: 'In point' });
    const handleOut = page.getByRole('slider', { name: 'Out point' });
    expect(await handleIn.getAttribute('aria-valuenow')).toBe('120');
    const last = await page.evaluate(() => (window as any).wirescene.player.lastFrame as number);
    await page.locator('#scrubber').scrollIntoViewIfNeeded();
    const track = (await page.locator('#scrubber').boundingBox())!;
    const xOf = (frame: number) => track.x + 8 + ((track.width - 16) * frame) / last;
    const box = (await handleOut.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(xOf(600), box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const out = await page.evaluate(() => (window as any).wirescene.player.range.out as number);
    expect(Math.abs(out - 600)).toBeLessThanOrEqual(2);
    await handleIn.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await page.evaluate(() => (window as any).wirescene.player.range.in)).toBe(181);
    expect(await page.evaluate(() => (window as any).wirescene.player.frame)).toBe(0); // the handles do not move the playhead
    await drawn();
    expect(await page.evaluate(() => location.hash)).toContain('range=3.02-');
  });
  it('scrubbing backwards shows the same log and inspector as playing forwards', async () => {
    await open();
    const target = 700;
    await page.evaluate(async (target) => {
      const { player } = (window as any).wirescene;
      for (let f = 0; f <= target; f += 3) {
        player.seek(f);
        await new Promise((r) => requestAnimationFrame(r));
      }
      player.seek(target);
      await new Promise((r) => requestAnimationFrame(r));
    }, target);
    const forward = { log: await page.locator('#log').innerText(), inspector: await inspectorText() };
    await page.keyboard.press('End');
    await drawn();
    await page.locator('#scrubber').fill(String(target));
    await drawn();
    expect(await frame()).toBe(target);
    expect(await page.locator('#log').innerText()).toBe(forward.log);
    expect(await inspectorText()).toBe(forward.inspector);
  });
});
