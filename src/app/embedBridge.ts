import type { Player } from '../playback/player';
import { createThrottle, embedEvent, parseCommand, type EmbedCommand, type EmbedEventName } from './embedMessages';

export interface EmbedBridge {
  /** A scenario is on screen: its player is the one commands drive and events describe. */
  attach(player: Player, scenario: string): void;
}

/**
 * The iframe embed's postMessage link with the page that frames it (README "Embedding").
 * Only a framed page listens, and only to its parent: another frame or window could otherwise
 * drive the player. Events go to the parent with target origin '*': they carry nothing
 * private (the time, the duration, the scenario id), and the parent's origin is not known.
 */
export function openEmbedBridge(ids: readonly string[], setScenario: (id: string) => void): EmbedBridge | undefined {
  if (window.parent === window) return undefined;
  const parent = window.parent;
  let player: Player | undefined;
  let scenario = '';
  let detach = () => {};
  const send = (event: EmbedEventName) => {
    if (player) parent.postMessage(embedEvent(event, player.frame, player.lastFrame, player.fps, scenario), '*');
  };

  const run = (c: EmbedCommand) => {
    if (c.command === 'setScenario') {
      if (ids.includes(c.scenario)) setScenario(c.scenario);
      else console.warn(`wirescene embed: ignored setScenario: unknown scenario "${c.scenario}"; this page has ${ids.join(', ')}.`);
      return;
    }
    if (!player) return;
    if (c.command === 'play') player.play();
    else if (c.command === 'pause') player.pause();
    else player.seek(Math.round(c.time * player.fps));
  };

  window.addEventListener('message', (e) => {
    if (e.source !== parent) return;
    const parsed = parseCommand(e.data);
    if (parsed.kind === 'problem') console.warn(parsed.problem);
    else if (parsed.kind === 'command') run(parsed.command);
  });

  return {
    attach(next, id) {
      detach();
      player = next;
      scenario = id;
      const due = createThrottle();
      let { frame, playing } = next;
      detach = next.subscribe((s) => {
        if (s.frame !== frame) {
          frame = s.frame;
          // While playing, at most 4 a second; a seek while paused is told at once.
          if (!s.playing || due(performance.now())) send('timeupdate');
        }
        if (s.playing !== playing) {
          playing = s.playing;
          send(s.playing ? 'play' : 'pause');
          // As a <video>: timeupdate, pause, ended. The player stops by itself only at its out point.
          if (!s.playing && s.frame === (s.range?.out ?? next.lastFrame) && !s.loop) send('ended');
        }
      });
      send('ready');
    },
  };
}
