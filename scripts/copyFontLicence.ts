/**
 * Part of `npm run build`: the fonts' licence goes wherever Parcel put the fonts (dist/ for the
 * site, dist/element/ for the package). The OFL lets them be bundled only if every copy carries
 * the copyright notice and the licence; a copy of dist/element/ alone must still have it.
 */
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FONT_LICENCE, FONTS_DIR } from './notices';

const copied: string[] = [];
const visit = (dir: string): void => {
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name.endsWith('.woff2'))) {
    copyFileSync(join(FONTS_DIR, FONT_LICENCE), join(dir, FONT_LICENCE));
    copied.push(join(dir, FONT_LICENCE));
  }
  for (const e of entries) if (e.isDirectory()) visit(join(dir, e.name));
};
visit('dist');
if (!copied.length) throw new Error('no .woff2 in dist/: did the build run?');
console.log(`font licence: ${copied.join(', ')}`);
