/**
 * npm run types: the published TypeScript types of <wire-scene>. tsc writes declarations for the
 * element and everything it imports; the package ships only the element's public surface, so this
 * copies wire-scene.d.ts and the files it imports, and fails if any of them reaches outside
 * src/element (a public type that would drag in the engine's internals).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const out = '.types';
const dest = 'dist/element/types';
rmSync(out, { recursive: true, force: true });
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.element.json'], { stdio: 'inherit' });
rmSync(dest, { recursive: true, force: true });
mkdirSync(dest, { recursive: true });

const seen = new Set<string>();
const visit = (name: string): void => {
  if (seen.has(name)) return;
  seen.add(name);
  const file = join(out, 'element', `${name}.d.ts`);
  if (!existsSync(file)) throw new Error(`${file} is missing: did tsc -p tsconfig.element.json run?`);
  const text = readFileSync(file, 'utf8');
  for (const [, spec] of text.matchAll(/from ['"]([^'"]+)['"]/g)) {
    if (!spec.startsWith('./')) throw new Error(`${name}.d.ts imports "${spec}": the element's public types must only use files in src/element with no imports of their own`);
    visit(spec.slice(2).replace(/\.(d\.)?ts$|\.js$/, ''));
  }
  copyFileSync(file, join(dest, `${name}.d.ts`));
};
visit('wire-scene');
console.log(`types: ${[...seen].map((n) => `${n}.d.ts`).join(', ')} → ${resolve(dest)}`);

