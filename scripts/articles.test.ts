import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compiledArticles } from './articlesCompile';

describe('compiled articles', () => {
  it('are what `npm run articles` writes from the Markdown (run it after editing an article)', () => {
    const all = compiledArticles();
    expect(all.map((a) => a.path)).toEqual(['assets/articles/https.article.json', 'assets/articles/lost-syn.article.json']);
    for (const { path, json } of all) expect(readFileSync(path, 'utf8') === json, `${path} is out of date: run npm run articles`).toBe(true);
  });
});
