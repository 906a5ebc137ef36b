import type { BrowserCommand } from 'vitest/node';
import { compareWithGolden, type GoldenResult } from './golden.ts';

/** Node-side commands the browser tests call (files and pixelmatch live in Node). */
export const compareGolden: BrowserCommand<[name: string, pngBase64: string, maxDiffPixels: number]> = (_ctx, name, png, max) =>
  compareWithGolden(name, png, max);

declare module 'vitest/browser' {
  interface BrowserCommands {
    compareGolden: (name: string, pngBase64: string, maxDiffPixels: number) => Promise<GoldenResult>;
  }
}
