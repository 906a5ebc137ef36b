import { describe, expect, it } from 'vitest';
import type { FrameSource } from '../playback/player';
import { WireSceneError } from './mediaError';
import { HAVE_ENOUGH_DATA, HAVE_METADATA, HAVE_NOTHING, MediaState, type MediaEventType } from './mediaState';

/** A clock the test advances; events are collected in order and flushed when the test says (a microtask on a page). */
function setup() {
  let t = 0;
  let queued: (() => void) | undefined;
  const clock: FrameSource = {
    now: () => t,
    request: (cb) => ((queued = cb), 1),
    cancel: () => (queued = undefined),
  };
  const events: string[] = [];
  /** Each event with the readyState a listener would read. */
  const states: string[] = [];
  const media: MediaState = new MediaState(
    {
      emit: (type: MediaEventType) => {
        events.push(type);
        states.push(`${type}:${media.readyState}`);
      },
    },
    clock,
  );
  return {
    media,
    events,
    states,
    advance(ms: number) {
      t += ms;
      const cb = queued;
      queued = undefined;
      cb?.();
    },
    /** Lets queued events and promise callbacks run, then returns what fired since the last call. */
    async take(): Promise<string[]> {
      await new Promise((r) => setTimeout(r, 0));
      return events.splice(0);
    },
  };
}

/** 10 s at 60 fps: frames 0..600. */
async function loaded() {
  const s = setup();
  s.media.loadStart();
  s.media.loadedMetadata(601, 60, 1.5);
  s.media.canPlay();
  await s.take();
  return s;
}

describe('MediaState: HTMLMediaElement semantics over the Player', () => {
  it('loads as a media element does: readyState steps and events in order; duration NaN until metadata', async () => {
    const s = setup();
    expect(s.media.duration).toBeNaN();
    expect(s.media.readyState).toBe(HAVE_NOTHING);
    s.media.loadStart();
    s.media.loadedMetadata(601, 60, 1.5);
    expect(s.media.readyState).toBe(HAVE_NOTHING); // moves with durationchange, as a media element's
    expect(s.media.have).toBe(HAVE_METADATA);
    expect(s.media.duration).toBe(10);
    expect(s.media.currentTime).toBe(1.5);
    s.media.canPlay();
    await s.take();
    expect(s.states).toEqual(['loadstart:0', 'durationchange:1', 'loadedmetadata:1', 'loadeddata:4', 'canplay:4', 'canplaythrough:4']);
    expect(s.media.readyState).toBe(HAVE_ENOUGH_DATA);
    expect(s.media.paused).toBe(true);
  });

  it('seeks with seeking → timeupdate → seeked, seeking true until seeked fires, position at once', async () => {
    const s = await loaded();
    const seekingAt: Record<string, boolean> = {};
    const media = s.media;
    s.media.seek(4.2);
    expect(media.currentTime).toBe(4.2);
    expect(media.seeking).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    seekingAt.after = media.seeking;
    expect(s.events.splice(0)).toEqual(['seeking', 'timeupdate', 'seeked']);
    expect(seekingAt.after).toBe(false);
    expect(() => s.media.seek(Number.NaN)).toThrow(/finite/);
  });

  it('play() resolves after play and playing; frames advance with timeupdate; pause fires timeupdate then pause', async () => {
    const s = await loaded();
    let resolved = false;
    const p = s.media.play().then(() => (resolved = true));
    expect(s.media.paused).toBe(false);
    expect(resolved).toBe(false);
    await p;
    expect(s.events.splice(0)).toEqual(['play', 'playing']);
    s.advance(100); // 6 frames at 60 fps
    expect(s.media.currentTime).toBeCloseTo(1.6, 5);
    expect(await s.take()).toEqual(['timeupdate']);
    s.media.pause();
    expect(await s.take()).toEqual(['timeupdate', 'pause']);
    expect(s.media.paused).toBe(true);
  });

  it('pause() before playing rejects the play() promise with AbortError, as <video> does', async () => {
    const s = setup();
    s.media.loadStart();
    s.media.loadedMetadata(601, 60);
    const p = s.media.play(); // not yet HAVE_FUTURE_DATA: play fires, playing waits
    s.media.pause();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(await s.take()).toEqual(['loadstart', 'durationchange', 'loadedmetadata', 'play', 'timeupdate', 'pause']);
  });

  it('play() before the picture is ready waits: playing and the resolution come with canplay', async () => {
    const s = setup();
    s.media.loadStart();
    s.media.loadedMetadata(601, 60);
    let resolved = false;
    const p = s.media.play().then(() => (resolved = true));
    await s.take();
    expect(resolved).toBe(false);
    s.media.canPlay();
    await p;
    expect(await s.take()).toEqual(['loadeddata', 'canplay', 'canplaythrough', 'playing']);
  });

  it('reaching the end: timeupdate, pause, ended; ended true; play() again seeks to the start first', async () => {
    const s = await loaded();
    await s.media.play();
    await s.take();
    s.advance(20_000);
    expect(await s.take()).toEqual(['timeupdate', 'pause', 'ended']);
    expect(s.media.ended).toBe(true);
    expect(s.media.paused).toBe(true);
    expect(s.media.currentTime).toBe(10);
    await s.media.play();
    expect(await s.take()).toEqual(['seeking', 'timeupdate', 'seeked', 'play', 'playing']);
    expect(s.media.currentTime).toBe(0);
    expect(s.media.ended).toBe(false);
  });

  it('with loop, the end wraps to the start with a seek and playback goes on; ended stays false', async () => {
    const s = await loaded();
    s.media.loop = true;
    await s.media.play();
    await s.take();
    s.advance(9_000); // 1.5 s + 9 s = 10.5 s: wraps
    expect(await s.take()).toEqual(['seeking', 'timeupdate', 'seeked']);
    expect(s.media.paused).toBe(false);
    expect(s.media.ended).toBe(false);
    expect(s.media.currentTime).toBeLessThan(1);
  });

  it('playbackRate: ratechange when it changes, time runs at that rate, unsupported rates throw NotSupportedError', async () => {
    const s = await loaded();
    s.media.playbackRate = 2;
    s.media.playbackRate = 2;
    expect(await s.take()).toEqual(['ratechange']);
    await s.media.play();
    s.advance(500);
    expect(s.media.currentTime).toBeCloseTo(2.5, 5);
    expect(() => (s.media.playbackRate = 0)).toThrow(expect.objectContaining({ name: 'NotSupportedError' }));
    expect(() => (s.media.playbackRate = 16)).toThrow(/0\.1 to 4/);
  });

  it('an error: error event, error set, readyState HAVE_NOTHING, play() rejects with NotSupportedError', async () => {
    const s = setup();
    s.media.loadStart();
    const p = s.media.play();
    s.media.fail(new WireSceneError('unknown-scenario', 'Unknown scenario "x"'));
    await expect(p).rejects.toMatchObject({ name: 'NotSupportedError' });
    expect(await s.take()).toEqual(['loadstart', 'play', 'error']);
    expect(s.media.error).toMatchObject({ code: 4, reason: 'unknown-scenario' });
    await expect(s.media.play()).rejects.toMatchObject({ name: 'NotSupportedError' });
  });

  it('a new source empties the old one: emptied, then loadstart; paused kept until asked', async () => {
    const s = await loaded();
    s.media.loadStart();
    expect(await s.take()).toEqual(['emptied', 'loadstart']);
    expect(s.media.duration).toBeNaN();
  });
});
