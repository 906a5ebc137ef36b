import type { Model } from '../playback/model';

/** The scenario's model with a section's title where the chapter title goes (a section video's caption). */
export function captioned(model: Model, title: string): Model {
  const evaluate = (frame: number) => ({ ...model.evaluator.evaluate(frame), chapterTitle: title });
  return { ...model, evaluator: { ...model.evaluator, evaluate } };
}
