/**
 * The third-party code and fonts that ship in the built site and the element, with their
 * licences: THIRD_PARTY_NOTICES is what `npm run notices` writes, and notices.test.ts fails
 * when a bundled package is added or removed without it.
 *
 * Which packages ship is read from the bundles' own imports (esbuild's metafile over each
 * entry the Parcel targets build), not from package.json: dev tools never reach a user.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { woff2Names } from './fontNames';

export const NOTICES_FILE = 'THIRD_PARTY_NOTICES';

/** The script entries of the Parcel targets (an HTML source contributes its module scripts). */
export function bundleEntries(root = '.'): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const entries: string[] = [];
  for (const target of Object.values(pkg.targets ?? {}) as { source: string | string[] }[]) {
    for (const source of [target.source].flat()) {
      if (!source.endsWith('.html')) entries.push(source);
      else
        for (const m of readFileSync(join(root, source), 'utf8').matchAll(/<script[^>]*\ssrc="([^"]+)"/g))
          if (!/^[a-z]+:/.test(m[1])) entries.push(join(dirname(source), m[1]));
    }
  }
  return [...new Set(entries)].filter((e) => /\.[cm]?[jt]sx?$/.test(e));
}

/** npm packages the bundles import, by name. */
export async function bundledPackages(root = '.'): Promise<string[]> {
  const result = await build({
    entryPoints: bundleEntries(root).map((e) => resolve(root, e)),
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    splitting: true,
    outdir: join(root, '.notices-out'),
    platform: 'browser',
    logLevel: 'silent',
    loader: { '.json': 'json', '.woff2': 'empty', '.ttf': 'empty', '.png': 'empty', '.pem': 'text', '.md': 'text', '.css': 'empty', '.svg': 'empty' },
  });
  const names = new Set<string>();
  for (const file of Object.keys(result.metafile.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    if (m) names.add(m[1]);
  }
  return [...names].sort();
}

const LICENCE_FILE = /^(licen[cs]e|copying)(\.(md|txt))?$/i;

/** One package's section: name, version, licence, and its licence text when it ships one. */
function packageNotice(root: string, name: string): string {
  const dir = join(root, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licence: string = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'see the package');
  const head = `${pkg.name} ${pkg.version}\nLicence: ${licence}${pkg.homepage ? `\nHomepage: ${pkg.homepage}` : ''}`;
  if (name === 'gsap') {
    // GSAP is not open source: it ships under GreenSock's standard "no charge" licence, which
    // allows its use here; its text is on the web, not in the package.
    return `${head}\nGSAP is used under GreenSock's standard "no charge" license: https://gsap.com/standard-license\nCopyright (c) 2008-2026, GreenSock. All rights reserved.`;
  }
  const file = readdirSync(dir).find((f) => LICENCE_FILE.test(f));
  if (file) return `${head}\n\n${readFileSync(join(dir, file), 'utf8').trim()}`;
  const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
  return `${head}\n(The package has no licence file; its package.json says ${licence}${author ? `, by ${author}` : ''}.)`;
}

export const FONTS_DIR = 'assets/fonts';
/** The licence text beside the fonts, as upstream names it; the build copies it next to them in dist/ and dist/element/ (scripts/copyFontLicence.ts). */
export const FONT_LICENCE = 'OFL.txt';

/**
 * The fonts' section, from what the font files say of themselves (their name table) and the
 * licence text beside them. The OFL (§ 2) lets the fonts be bundled with software provided each
 * copy carries the copyright notice and the licence, so the whole text is here and in the package.
 */
function fontNotice(root: string): string {
  const dir = join(root, FONTS_DIR);
  const fonts = readdirSync(dir).filter((f) => f.endsWith('.woff2')).sort();
  const names = fonts.map((f) => woff2Names(join(dir, f)));
  const [first] = names;
  const other = names.find((n) => n.family !== first.family || n.copyright !== first.copyright || n.licence !== first.licence);
  if (other) throw new Error(`${FONTS_DIR} holds ${other.family} beside ${first.family}: give each family its own section (and licence file) in scripts/notices.ts`);
  const version = /Version ([\d.]+)/.exec(first.version)?.[1] ?? first.version;
  const licence = join(dir, FONT_LICENCE);
  if (!existsSync(licence)) throw new Error(`${licence} is missing: the OFL requires its text with every copy of the fonts`);
  return `${first.family} ${version} (${fonts.map((f) => `${FONTS_DIR}/${f}`).join(', ')}; drawn on the canvas, shipped in dist/ and dist/element/ with ${FONT_LICENCE} beside them)
Licence: SIL Open Font License 1.1 (OFL-1.1), as the fonts' name table says: "${first.licence}"
Homepage: https://www.jetbrains.com/lp/mono/

${readFileSync(licence, 'utf8').trim()}`;
}

/** The whole THIRD_PARTY_NOTICES text. */
export async function noticesText(root = '.'): Promise<string> {
  const rule = '-'.repeat(78);
  const sections = [
    fontNotice(root),
    ...(await bundledPackages(root)).map((name) => packageNotice(root, name)),
  ];
  return `wirescene ships the following third-party software and fonts in its built site (dist/)
and its <wire-scene> element. Written by \`npm run notices\` from the bundles' imports.

${sections.map((s) => `${rule}\n${s}\n`).join('\n')}`;
}
