import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { THEME_KEY } from './preferences';

it('boot.ts (a classic script that cannot import) reads the theme under the key preferences.ts writes', () => {
  expect(readFileSync('src/app/boot.ts', 'utf8')).toContain(`localStorage.getItem('${THEME_KEY}')`);
});
