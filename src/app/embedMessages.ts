import * as z from 'zod';

/**
 * The postMessage protocol of the iframe embed (README "Embedding"). Every message, both ways,
 * is an object with `type: 'wirescene'`; commands name a `command`, events an `event`.
 */
export const MESSAGE_TYPE = 'wirescene';

const command = z.discriminatedUnion('command', [
  z.object({ type: z.literal(MESSAGE_TYPE), command: z.literal('play') }),
  z.object({ type: z.literal(MESSAGE_TYPE), command: z.literal('pause') }),
  z.object({ type: z.literal(MESSAGE_TYPE), command: z.literal('seek'), time: z.number().finite().nonnegative() }),
  z.object({ type: z.literal(MESSAGE_TYPE), command: z.literal('setScenario'), scenario: z.string().min(1) }),
]);

export type EmbedCommand = z.infer<typeof command>;

export const EVENT_NAMES = ['ready', 'timeupdate', 'play', 'pause', 'ended'] as const;
export type EmbedEventName = (typeof EVENT_NAMES)[number];

/** What each event carries: where the player is (seconds), how long the scenario is, and which it is. */
export interface EmbedEvent {
  type: typeof MESSAGE_TYPE;
  event: EmbedEventName;
  currentTime: number;
  duration: number;
  scenario: string;
}

export type ParsedMessage = { kind: 'command'; command: EmbedCommand } | { kind: 'problem'; problem: string } | { kind: 'foreign' };

/**
 * Reads one message's data. Messages without `type: 'wirescene'` belong to someone else on
 * the page (extensions, other widgets) and are left alone; ours that do not fit are a problem,
 * named so the embedding page can fix it.
 */
export function parseCommand(data: unknown): ParsedMessage {
  if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== MESSAGE_TYPE) return { kind: 'foreign' };
  const result = command.safeParse(data);
  if (result.success) return { kind: 'command', command: result.data };
  const issue = result.error.issues[0];
  const where = issue.path.length ? `"${issue.path.join('.')}"` : 'the message';
  return { kind: 'problem', problem: `wirescene embed: ignored a message: ${where}: ${issue.message}. ${usage}` };
}

const usage =
  "Send { type: 'wirescene', command: 'play' | 'pause' } , { type: 'wirescene', command: 'seek', time: seconds ≥ 0 } or { type: 'wirescene', command: 'setScenario', scenario: id }.";

export function embedEvent(event: EmbedEventName, frame: number, lastFrame: number, fps: number, scenario: string): EmbedEvent {
  return { type: MESSAGE_TYPE, event, currentTime: round(frame / fps), duration: round(lastFrame / fps), scenario };
}

const round = (s: number) => Math.round(s * 1000) / 1000;

/** At most 4 timeupdates a second while playing (as a `<video>` fires them); returns whether to send one now. */
export function createThrottle(intervalMs = 250): (nowMs: number) => boolean {
  let last = -Infinity;
  return (nowMs) => {
    if (nowMs - last < intervalMs) return false;
    last = nowMs;
    return true;
  };
}
