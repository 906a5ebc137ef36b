import { describe, expect, it } from 'vitest';
import { buildModel } from '../playback/model';
import { findScenario } from '../sim/scenarios';
import { captioned } from './caption';

describe('a section video', () => {
  it('draws the section title where the chapter title goes, and nothing else differs', () => {
    const model = buildModel(findScenario('lost-syn')!);
    const video = captioned(model, 'When a packet is lost');
    for (const frame of [0, 100, 300]) {
      const plain = model.evaluator.evaluate(frame);
      const titled = video.evaluator.evaluate(frame);
      expect(titled.chapterTitle).toBe('When a packet is lost');
      expect({ ...titled, chapterTitle: plain.chapterTitle }).toEqual(plain);
    }
  });
});
