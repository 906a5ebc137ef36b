import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledPackages, bundleEntries, NOTICES_FILE, noticesText } from './notices';

describe('THIRD_PARTY_NOTICES', () => {
  it('is what `npm run notices` writes from the bundles (run it after adding or removing a dependency the page uses)', async () => {
    expect(readFileSync(NOTICES_FILE, 'utf8') === (await noticesText()), `${NOTICES_FILE} is out of date: run npm run notices`).toBe(true);
  }, 60_000);

  it('names what ships (GSAP with its own licence, the font) and nothing that does not (dev tools)', async () => {
    expect(bundleEntries()).toContain('src/app/main.ts');
    const packages = await bundledPackages();
    expect(packages).toEqual(expect.arrayContaining(['gsap', 'pixi.js', 'zod']));
    expect(packages).not.toContain('vitest');
    expect(packages).not.toContain('parcel');
    const text = readFileSync(NOTICES_FILE, 'utf8');
    expect(text).toContain('https://gsap.com/standard-license');
    expect(text).toContain('JetBrains Mono 2.242');
    expect(text).toContain('SIL Open Font License 1.1');
  }, 60_000);
});
