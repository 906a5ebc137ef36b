import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export const GOLDEN_DIR = join(process.cwd(), 'tests', 'goldens');
export const DIFF_DIR = join(process.cwd(), 'tests', '__diff__');

export interface GoldenResult {
  status: 'match' | 'mismatch' | 'written' | 'missing';
  diffPixels: number;
  message: string;
}

const decode = (pngBase64: string) => PNG.sync.read(Buffer.from(pngBase64, 'base64'));

/**
 * Compares a PNG (base64) with tests/goldens/NAME.png at threshold 0, counting every
 * changed pixel. On failure writes NAME.{expected,actual,diff}.png to tests/__diff__/.
 * UPDATE_GOLDENS=1 rewrites the golden; a missing golden is written locally, and is an
 * error in CI (CI=true), so a run never passes against nothing.
 */
export function compareWithGolden(name: string, pngBase64: string, maxDiffPixels: number): GoldenResult {
  const goldenPath = join(GOLDEN_DIR, `${name}.png`);
  const actual = decode(pngBase64);
  if (process.env.UPDATE_GOLDENS === '1' || (!existsSync(goldenPath) && !process.env.CI)) {
    mkdirSync(dirname(goldenPath), { recursive: true });
    writeFileSync(goldenPath, PNG.sync.write(actual));
    return { status: 'written', diffPixels: 0, message: `wrote ${goldenPath}` };
  }
  if (!existsSync(goldenPath)) {
    return { status: 'missing', diffPixels: -1, message: `no golden ${goldenPath}: run UPDATE_GOLDENS=1 npm test locally and commit it` };
  }
  const expected = PNG.sync.read(readFileSync(goldenPath));
  if (expected.width !== actual.width || expected.height !== actual.height) {
    writeDiffs(name, expected, actual, undefined);
    return {
      status: 'mismatch',
      diffPixels: -1,
      message: `${name}: size ${actual.width}×${actual.height}, golden is ${expected.width}×${expected.height}`,
    };
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const diffPixels = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, { threshold: 0, includeAA: true });
  if (diffPixels > maxDiffPixels) {
    writeDiffs(name, expected, actual, diff);
    return { status: 'mismatch', diffPixels, message: `${name}: ${diffPixels} pixels differ (budget ${maxDiffPixels}); see ${DIFF_DIR}/${name}.*.png` };
  }
  return { status: 'match', diffPixels, message: `${name}: ${diffPixels} pixels differ` };
}

function writeDiffs(name: string, expected: PNG, actual: PNG, diff: PNG | undefined) {
  mkdirSync(DIFF_DIR, { recursive: true });
  writeFileSync(join(DIFF_DIR, `${name}.expected.png`), PNG.sync.write(expected));
  writeFileSync(join(DIFF_DIR, `${name}.actual.png`), PNG.sync.write(actual));
  if (diff) writeFileSync(join(DIFF_DIR, `${name}.diff.png`), PNG.sync.write(diff));
}
