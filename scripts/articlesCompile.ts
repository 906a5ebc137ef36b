import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticle } from '../src/article/syntax';

export const ARTICLES_DIR = 'assets/articles';

/** Every article's compiled form: the JSON file it belongs in and its text. */
export function compiledArticles(): { path: string; json: string }[] {
  return readdirSync(ARTICLES_DIR)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => {
      const source = join(ARTICLES_DIR, f);
      let article;
      try {
        article = parseArticle(readFileSync(source, 'utf8'));
      } catch (e) {
        throw new Error(`${source}: ${(e as Error).message}`);
      }
      return { path: join(ARTICLES_DIR, f.replace(/\.md$/, '.article.json')), json: `${JSON.stringify(article)}\n` };
    });
}
