/**
 * npm run articles: reads each assets/articles/NAME.md with markdown-it (src/article/syntax.ts)
 * and writes NAME.article.json beside it, the plain data article.html renders (so the page
 * carries no Markdown parser). The build runs it; a test fails when a file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { compiledArticles } from './articlesCompile';

for (const { path, json } of compiledArticles()) {
  let old = '';
  try {
    old = readFileSync(path, 'utf8');
  } catch {
    // first run
  }
  if (old !== json) {
    writeFileSync(path, json);
    console.log(`wrote ${path}`);
  }
}
