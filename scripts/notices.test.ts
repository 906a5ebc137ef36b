import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { woff2Names } from './fontNames';
import { bundledPackages, bundleEntries, FONT_LICENCE, FONTS_DIR, NOTICES_FILE, noticesText } from './notices';

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

  it('ships each font with the licence its own name table names: the OFL text, under the copyright line the font carries, beside the fonts and in the notices', () => {
    const fonts = readdirSync(FONTS_DIR).filter((f) => /\.(woff2?|ttf|otf)$/.test(f));
    expect(fonts.length).toBeGreaterThan(0);
    const licence = readFileSync(join(FONTS_DIR, FONT_LICENCE), 'utf8');
    const notices = readFileSync(NOTICES_FILE, 'utf8');
    for (const font of fonts) {
      const names = woff2Names(join(FONTS_DIR, font));
      expect(names.licence, font).toMatch(/SIL Open Font License, Version 1\.1/);
      expect(licence.split('\n')[0], `${FONT_LICENCE} begins with ${font}'s copyright notice`).toBe(names.copyright);
      expect(notices).toContain(names.copyright);
    }
    // The licence itself (OFL 1.1 as SIL publishes it), not a pointer to it.
    for (const part of ['SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007', 'PERMISSION & CONDITIONS', 'contains the above copyright notice and this license', 'DISCLAIMER'])
      expect(licence, part).toContain(part);
    expect(notices).toContain(licence.trim());
  });
});
