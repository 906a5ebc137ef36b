import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTES } from '../src/element/attributes';
import { MEDIA_EVENTS } from '../src/element/mediaEvents';
import { launchChromium } from './support/browser';
import { serveDir } from './support/server';

/**
 * The element as a stranger gets it: `npm pack`, the tarball installed by `npm install` (offline)
 * into a fresh project, resolved through the package's `exports`
 * by Node, type-checked by tsc, and used from a plain HTML page in the pinned Chromium.
 */
const repo = resolve('.');
let project: string;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveDir>>;
let manifest: any;

const inProject = (args: string[]) => execFileSync(process.execPath, args, { cwd: project, encoding: 'utf8' }).trim();

beforeAll(async () => {
  if (!existsSync('dist/element/wire-scene.js')) throw new Error('dist/element/wire-scene.js is missing: run `npm run build` first (npm test does).');
  execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/elementTypes.ts'], { cwd: repo, stdio: 'pipe' });
  project = mkdtempSync(join(tmpdir(), 'wirescene-consumer-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', project], { cwd: repo, encoding: 'utf8' }));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-docs', private: true, type: 'module', dependencies: { wirescene: `file:${packed[0].filename}` } }));
  // A real install, offline: the package depends on nothing, so npm needs no registry.
  execFileSync('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, stdio: 'pipe' });
  const dir = join(project, 'node_modules', 'wirescene');
  manifest = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
  server = await serveDir(project);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('ships the element, its types and its manifest, and nothing of the app', () => {
    const files = execFileSync('tar', ['-tzf', join(project, readdirTarball())], { encoding: 'utf8' }).split('\n');
    expect(files).toContain('package/dist/element/wire-scene.js');
    expect(files).toContain('package/dist/element/types/wire-scene.d.ts');
    expect(files).toContain('package/custom-elements.json');
    expect(files).toContain('package/LICENSE');
    expect(files).toContain('package/THIRD_PARTY_NOTICES'); // GSAP's, Pixi's and the font's licences travel with the bundle
    expect(files.filter((f) => /^package\/(src|tests|assets|dist\/index)/.test(f))).toEqual([]);
  });

  it('carries the fonts\' licence (SIL OFL 1.1) beside the fonts and in its notices', () => {
    const installed = join(project, 'node_modules/wirescene');
    const ofl = readFileSync('assets/fonts/OFL.txt', 'utf8');
    const fontDirs = new Set(listFiles(installed).filter((f) => f.endsWith('.woff2')).map((f) => dirname(f)));
    expect([...fontDirs]).toEqual(['dist/element']);
    for (const dir of fontDirs) expect(readFileSync(join(installed, dir, 'OFL.txt'), 'utf8'), `${dir}/OFL.txt`).toBe(ofl);
    expect(ofl).toMatch(/^Copyright 2020 The JetBrains Mono Project Authors/);
    expect(ofl).toContain('SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007');
    expect(readFileSync(join(installed, 'THIRD_PARTY_NOTICES'), 'utf8')).toContain(ofl.trim());
  });

  it('depends on exactly what the built element imports: nothing (the bundle carries Pixi, GSAP, zod, …), and runs no install script', async () => {
    const installed = join(project, 'node_modules/wirescene');
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    // Every bare specifier the shipped modules import, static or dynamic, as esbuild parses them
    // (relative chunks and assets are followed, packages are not), and any the .d.ts files name.
    const imported = new Set<string>();
    const js = listFiles(installed).filter((f) => f.endsWith('.js'));
    expect(js).toContain('dist/element/wire-scene.js');
    await build({
      entryPoints: js.map((f) => join(installed, f)),
      bundle: true,
      write: false,
      format: 'esm',
      splitting: true,
      outdir: join(project, '.imports'),
      logLevel: 'silent',
      plugins: [
        {
          name: 'bare-imports',
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (args) => {
              imported.add(/^(@[^/]+\/)?[^/]+/.exec(args.path)![0]);
              return { path: args.path, external: true };
            });
          },
        },
      ],
    });
    for (const f of listFiles(installed).filter((f) => f.endsWith('.d.ts')))
      for (const [, spec] of readFileSync(join(installed, f), 'utf8').matchAll(/(?:from\s*|import\s*\(\s*|reference types=)['"]([^'"]+)['"]/g))
        if (!spec.startsWith('.')) imported.add(/^(@[^/]+\/)?[^/]+/.exec(spec)![0]);
    const declared = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies }).sort();
    // What npm installed beside it: nothing.
    expect(readdirSync(join(project, 'node_modules')).filter((d) => !d.startsWith('.'))).toEqual(['wirescene']);
    expect(declared, 'package.json dependencies against the imports of dist/element').toEqual([...imported].sort());
    expect(pkg.bundleDependencies ?? pkg.bundledDependencies).toBeUndefined();
    expect(Object.keys(pkg.scripts ?? {}).filter((s) => /^(pre|post)?install$|^prepare$/.test(s))).toEqual([]);
  });

  it('exports resolve in Node: the element module (ESM) and the manifest', () => {
    const main = inProject(['--input-type=module', '-e', "console.log(import.meta.resolve('wirescene'))"]);
    expect(fileURLToPath(main)).toBe(join(project, 'node_modules/wirescene/dist/element/wire-scene.js'));
    const cem = inProject(['--input-type=module', '-e', "console.log(import.meta.resolve('wirescene/custom-elements.json'))"]);
    expect(existsSync(fileURLToPath(cem))).toBe(true);
  });

  it('its types check a consumer with strict TypeScript (and reject a wrong use)', () => {
    writeFileSync(
      join(project, 'use.ts'),
      `import { WireSceneElement, WireSceneError, type ThemeChoice } from 'wirescene';
const el = document.querySelector('wire-scene')!;
const same: WireSceneElement = el;
const t: number = el.currentTime + el.duration;
el.playbackRate = 2;
el.theme = 'dark' satisfies ThemeChoice;
const p: Promise<void> = el.play();
const ready: Promise<WireSceneElement> = el.ready;
const e: WireSceneError | null = el.error;
const code: number | undefined = e?.code;
el.addEventListener('seeked', () => el.pause());
// @ts-expect-error currentTime is a number
el.currentTime = 'soon';
// @ts-expect-error layout is one of three names
el.layout = 'wide';
console.log(same, t, p, ready, code, WireSceneElement.HAVE_ENOUGH_DATA);
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'], types: [], skipLibCheck: false }, files: ['use.ts'] }),
    );
    const out = (() => {
      try {
        return execFileSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
      } catch (err) {
        return `${(err as { stdout?: string }).stdout ?? ''}${(err as Error).message}`;
      }
    })();
    expect(out).toBe('');
  });

  it('custom-elements.json tells the truth: every attribute, event, member and part the element has, and no other', async () => {
    const [decl] = manifest.modules[0].declarations;
    expect(decl.tagName).toBe('wire-scene');
    expect(decl.attributes.map((a: any) => a.name).sort()).toEqual([...ATTRIBUTES].sort());
    expect(decl.events.map((e: any) => e.name).sort()).toEqual([...MEDIA_EVENTS].sort());
    // Members: the public ones the shipped .d.ts declares.
    const dts = readFileSync(join(project, 'node_modules/wirescene/dist/element/types/wire-scene.d.ts'), 'utf8');
    const body = dts.slice(dts.indexOf('class WireSceneElement'), dts.indexOf('declare global'));
    const declared = new Set(
      [...body.matchAll(/^\s{4}(?!private|static|constructor)(?:get |set )?(\w+)[(?:!]/gm)].map((m) => m[1]).filter((n) => !n.endsWith('Callback')),
    );
    expect(decl.members.map((m: any) => m.name).sort()).toEqual([...declared].sort());
    expect(manifest.modules[0].path).toBe('dist/element/wire-scene.js');
    for (const m of decl.members) expect(m.description?.length, m.name).toBeGreaterThan(5);

    // And at run time, on the installed package.
    const page = await browser.newPage();
    await page.route('**/parts.html', (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><script type="module" src="/node_modules/wirescene/dist/element/wire-scene.js"></script><wire-scene controls></wire-scene>` }),
    );
    await page.goto(`${server.url}/parts.html`);
    const live = await page.evaluate(async () => {
      const el = document.querySelector('wire-scene') as any;
      await el.ready;
      return {
        observed: (customElements.get('wire-scene') as any).observedAttributes as string[],
        parts: [...el.shadowRoot.querySelectorAll('[part]')].map((p: Element) => p.getAttribute('part')!),
      };
    });
    expect([...live.observed].sort()).toEqual([...ATTRIBUTES].sort());
    expect(decl.cssParts.map((p: any) => p.name).sort()).toEqual([...live.parts].sort());
    const absent = await page.evaluate((names: string[]) => names.filter((n) => !(n in document.querySelector('wire-scene')!)), decl.members.map((m: any) => m.name));
    expect(absent).toEqual([]);
  });

  it('works from a plain HTML page that loads it from node_modules', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
    const script = `/${relative(project, fileURLToPath(inProject(['--input-type=module', '-e', "console.log(import.meta.resolve('wirescene'))"])))}`;
    // (Routed: the static server indexes the project's files when it starts.)
    await page.route('**/index.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><title>My docs</title></head><body>
<h1>How TCP recovers</h1>
<script type="module" src="${script}"></script>
<wire-scene scenario="lost-syn" t="2" controls style="width:640px"></wire-scene>
</body></html>`,
      }),
    );
    await page.goto(`${server.url}/index.html`);
    const r = await page.evaluate(async () => {
      const el = document.querySelector('wire-scene') as any;
      await el.ready;
      const c = el.shadowRoot.querySelector('canvas') as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 16) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      return { readyState: el.readyState, t: el.currentTime, colours: colours.size, fonts: [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replaceAll('"', '')) };
    });
    expect(r.readyState).toBe(4);
    expect(r.t).toBe(2);
    expect(r.colours).toBeGreaterThan(20); // a drawn picture, not a blank box
    expect(r.fonts).toContain('JetBrains Mono'); // the font files inside the package were found
    expect(await page.getByRole('button', { name: 'Play' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });
});

function readdirTarball(): string {
  return JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).dependencies.wirescene.replace('file:', '');
}

/** The files under a folder, relative to it, with / separators. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}
