import { landscapeLayout, landscapeResolverLayout, squareLayout, squareResolverLayout } from './landscapeStage';
import { portraitLayout, portraitResolverLayout } from './portraitStage';
import type { StageLayout } from './stageTypes';

export type { Direction, Point, StageLayout } from './stageTypes';
export { landscapeLayout, landscapeResolverLayout, portraitLayout, portraitResolverLayout, squareLayout, squareResolverLayout };

export const allLayouts: readonly StageLayout[] = [landscapeLayout, landscapeResolverLayout, squareLayout, squareResolverLayout, portraitLayout, portraitResolverLayout];

/** The same shape of stage, with or without room for a resolver. */
export function stageVariant(kind: StageLayout['kind'], withResolver: boolean): StageLayout {
  return allLayouts.find((s) => s.kind === kind && s.hasResolver === withResolver)!;
}

/**
 * The layout whose shape is nearest the picture's (height / width against 9:16, 1:1, 16:9,
 * compared as ratios): landscape up to 4:3, square up to 3:4, portrait when taller; the
 * variant with a resolver when the scenario has one.
 */
export function layoutFor(width: number, height: number, withResolver = false): StageLayout {
  const aspect = height / width;
  const kind = aspect <= 3 / 4 ? 'landscape' : aspect <= 4 / 3 ? 'square' : 'portrait';
  return stageVariant(kind, withResolver);
}
