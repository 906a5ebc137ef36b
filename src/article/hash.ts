/**
 * The article page's URL hash: `#why-random-isn` (a section), plus optional
 * `article=lost-syn`, `scenario=https-random-isn` (the article's main scenario) and `t=4.25`
 * (a moment, in presentation seconds, in the section's scenario). Unknown parts are reported.
 */
export interface ArticleHash {
  article?: string;
  scenario?: string;
  section?: string;
  t?: number;
  problems: string[];
}

export function parseArticleHash(hash: string): ArticleHash {
  const out: ArticleHash = { problems: [] };
  for (const part of hash.replace(/^#/, '').split('&').filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      out.section = decodeURIComponent(part);
      continue;
    }
    const key = part.slice(0, eq);
    const value = decodeURIComponent(part.slice(eq + 1));
    if (key === 'article' || key === 'scenario' || key === 'section') out[key] = value;
    else if (key === 't') {
      const t = Number(value);
      if (value !== '' && Number.isFinite(t) && t >= 0) out.t = t;
      else out.problems.push(`t=${value.slice(0, 20)} is not a time in seconds: opening at the section's start.`);
    } else out.problems.push(`"${key.slice(0, 20)}" is not something an article link carries (article, scenario, a section, t): ignored.`);
  }
  return out;
}

/** A link to a section (and a moment in it); the defaults are left out. */
export function formatArticleHash(h: { article?: string; scenario?: string; section?: string; t?: number }, defaults: { article: string; scenario: string }): string {
  const parts: string[] = [];
  if (h.section) parts.push(encodeURIComponent(h.section));
  if (h.article && h.article !== defaults.article) parts.push(`article=${encodeURIComponent(h.article)}`);
  if (h.scenario && h.scenario !== defaults.scenario) parts.push(`scenario=${encodeURIComponent(h.scenario)}`);
  if (h.t !== undefined) parts.push(`t=${h.t.toFixed(2)}`);
  return parts.length ? `#${parts.join('&')}` : '';
}
