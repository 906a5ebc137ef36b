import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';
import { frameCount } from '../timeline/eventsUpTo';
import { schedule } from '../timeline/schedule';
import { createEvaluator } from './engine';

// One FrameView feeds the canvas (its card: the latest packet to leave), the inspector
// (focusPacketId) and the log (logPosition). For any moment they must name the same packet,
// and the log position must be the events at or before t, counted the slow way.
describe.each(['https', 'lost-segment', 'dns-then-https'])('one frame view for every consumer: %s', (id) => {
  const plan = schedule(simulate(findScenario(id)!));
  const total = frameCount(plan);
  for (const reducedMotion of [false, true]) {
    const ev = createEvaluator(plan, { reducedMotion });
    it(`canvas focus, inspector packet and log position agree at random frames${reducedMotion ? ' (reduced motion)' : ''}`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: total - 1 }), (frame) => {
          const v = ev.evaluate(frame);
          const happened = plan.timeline.filter((e) => e.atS <= frame / plan.fps);
          expect(v.logPosition).toBe(happened.length);
          const lastSend = happened.findLast((e) => e.event.kind === 'send');
          const sent = lastSend?.event.kind === 'send' ? lastSend.event.packet.id : undefined;
          expect(v.focusPacketId).toBe(sent);
          expect(v.card?.packetId).toBe(v.focusPacketId);
          // The chapter (canvas, video title card, transport value text) is the latest to have started.
          const chapter = plan.chapters.filter((c) => c.startS <= frame / plan.fps).at(-1) ?? plan.chapters[0];
          expect(v.chapterTitle).toBe(chapter?.title ?? '');
          expect(v.moment.endsWith(' in flight') || v.moment === v.chapterTitle).toBe(true);
        }),
        { numRuns: 300, seed: 11 },
      );
    });
  }
});
