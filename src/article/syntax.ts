import markdownIt, { type MarkdownIt, type StateInline, type Token } from 'markdown-it';

/**
 * An article's Markdown, read into plain data (no DOM, no simulation): sections of steps,
 * each step a block of inline nodes. The syntax on top of CommonMark (README "The article"):
 *
 *   front matter      `---` / `title: …` / `scenario: https` / `---` at the top
 *   section           `## Title {#anchor scenario=lost-syn}`: a scroll section (anchor required)
 *   moment link       `[SYN](#@SYN)`, `[SYN_RCVD](#@server:SYN_RCVD)`, `[the close](#@FIN..closed)`
 *   computed value    `{{SYN-ACK.ack}}`, `{{rtt}}`: filled in from the simulation on load
 *   step range        `[[ClientHello..Finished]]` at the start of a paragraph: what scrolling to it shows
 *   checkpoint        a ```checkpoint fence with `ask:`, `answer:` (a value name), `hint:`, `show:` lines
 *   packet bytes      a ```layers fence whose line is a packet selector: its bytes coloured by layer
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'value'; name: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] }
  | { kind: 'moment'; selector: string; children: Inline[] }
  | { kind: 'break' };

export type Block =
  | { kind: 'paragraph'; range?: string; inline: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'heading'; inline: Inline[] }
  | { kind: 'quote'; inline: Inline[] }
  | { kind: 'checkpoint'; ask: Inline[]; answer: string; hint: Inline[]; show?: string }
  | { kind: 'layers'; selector: string };

export interface Section {
  id: string;
  title: string;
  /** Another scenario than the article's for this section (the one its story needs). */
  scenario?: string;
  blocks: Block[];
}

export interface Article {
  title: string;
  scenario: string;
  description: string;
  /** Prose before the first section. */
  intro: Block[];
  sections: Section[];
}

export class ArticleSyntaxError extends Error {
  constructor(line: number | undefined, message: string) {
    super(line === undefined ? message : `line ${line + 1}: ${message}`);
    this.name = 'ArticleSyntaxError';
  }
}

/** `{{name}}`: a computed value. */
function valueRule(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x7b || src.charCodeAt(pos + 1) !== 0x7b) return false;
  const end = src.indexOf('}}', pos + 2);
  if (end < 0) return false;
  const name = src.slice(pos + 2, end).trim();
  if (!/^[\w.:\- /]+$/.test(name)) return false;
  if (!silent) state.push('value', '', 0).content = name;
  state.pos = end + 2;
  return true;
}

/** `[[a..b]]` at the very start of a paragraph: the step's range. */
function rangeRule(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (pos !== 0 || !src.startsWith('[[')) return false;
  const end = src.indexOf(']]', 2);
  if (end < 0) return false;
  if (!silent) state.push('step_range', '', 0).content = src.slice(2, end).trim();
  state.pos = end + 2;
  while (state.src.charCodeAt(state.pos) === 0x20) state.pos++;
  return true;
}

export function createMarkdown(): MarkdownIt {
  // html: false: raw HTML in an article stays text (nothing from a file becomes markup).
  const md = markdownIt({ html: false, linkify: false, typographer: true });
  md.inline.ruler.before('link', 'step_range', rangeRule);
  md.inline.ruler.before('emphasis', 'value', valueRule);
  return md;
}

/** Inline tokens → nodes (links to `#@…` become moment links). */
export function readInline(tokens: Token[]): { nodes: Inline[]; range?: string } {
  const root: Inline[] = [];
  const stack: Inline[][] = [root];
  let range: string | undefined;
  const top = () => stack[stack.length - 1];
  for (const t of tokens) {
    switch (t.type) {
      case 'text':
        if (t.content) top().push({ kind: 'text', text: t.content });
        break;
      case 'code_inline':
        top().push({ kind: 'code', text: t.content });
        break;
      case 'softbreak':
        top().push({ kind: 'text', text: ' ' });
        break;
      case 'hardbreak':
        top().push({ kind: 'break' });
        break;
      case 'value':
        top().push({ kind: 'value', name: t.content });
        break;
      case 'step_range':
        range = t.content;
        break;
      case 'strong_open':
      case 'em_open':
      case 'link_open': {
        const children: Inline[] = [];
        const href = String(t.attrGet('href') ?? '');
        const node: Inline =
          t.type === 'link_open'
            ? href.startsWith('#@')
              ? { kind: 'moment', selector: decodeURIComponent(href.slice(2)), children }
              : { kind: 'link', href, children }
            : { kind: t.type === 'strong_open' ? 'strong' : 'em', children };
        top().push(node);
        stack.push(children);
        break;
      }
      case 'strong_close':
      case 'em_close':
      case 'link_close':
        stack.pop();
        break;
      default:
        // Images, raw HTML (off) and the rest: their text only.
        if (t.content) top().push({ kind: 'text', text: t.content });
    }
  }
  return { nodes: root, range };
}

/** `key: value` lines (front matter, fences). */
function keyValues(text: string, line: number | undefined, allowed: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    const m = /^(\w+):\s*(.*)$/.exec(raw.trim());
    const at = line === undefined ? undefined : line + i + 1;
    if (!m) throw new ArticleSyntaxError(at, `expected "key: value", got "${raw.trim().slice(0, 60)}"`);
    if (!allowed.includes(m[1])) throw new ArticleSyntaxError(at, `unknown key "${m[1]}" (known: ${allowed.join(', ')})`);
    out[m[1]] = m[2];
  });
  return out;
}

/** `Title {#anchor scenario=id}` → its parts. */
function headingAttributes(text: string, line: number | undefined): { title: string; id: string; scenario?: string } {
  const m = /^(.*?)\s*\{([^}]*)\}\s*$/.exec(text);
  if (!m) throw new ArticleSyntaxError(line, `section "${text}" needs an anchor: "## ${text} {#some-id}"`);
  let id = '';
  let scenario: string | undefined;
  for (const part of m[2].trim().split(/\s+/)) {
    if (part.startsWith('#')) id = part.slice(1);
    else if (part.startsWith('scenario=')) scenario = part.slice('scenario='.length);
    else throw new ArticleSyntaxError(line, `unknown section attribute "${part}" (use #anchor and scenario=id)`);
  }
  if (!/^[a-z][a-z0-9-]*$/.test(id)) throw new ArticleSyntaxError(line, `section "${m[1]}" needs an anchor of lowercase letters, digits and dashes: {#some-id}`);
  return { title: m[1], id, scenario };
}

const plainText = (nodes: Inline[]): string =>
  nodes.map((n) => ('text' in n ? n.text : 'children' in n ? plainText(n.children) : n.kind === 'value' ? `{{${n.name}}}` : ' ')).join('');

/** Reads an article. Problems throw an ArticleSyntaxError naming the line and the fix. */
export function parseArticle(source: string, md: MarkdownIt = createMarkdown()): Article {
  const front = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (!front) throw new ArticleSyntaxError(0, 'an article starts with front matter: ---, title: …, scenario: …, ---');
  const meta = keyValues(front[1], 0, ['title', 'scenario', 'description']);
  if (!meta.title || !meta.scenario) throw new ArticleSyntaxError(0, 'the front matter needs title: and scenario:');
  const bodyLine = front[0].split('\n').length - 1;
  const tokens = md.parse(source.slice(front[0].length), {});
  const intro: Block[] = [];
  const sections: Section[] = [];
  const ids = new Set<string>();
  const blocks = () => (sections.length ? sections[sections.length - 1].blocks : intro);
  const lineOf = (t: Token) => (t.map ? t.map[0] + bodyLine : undefined);
  const inlineOf = (text: string) => readInline(md.parseInline(text, {})[0]?.children ?? []).nodes;

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'heading_open') {
      const inline = readInline(tokens[i + 1].children ?? []).nodes;
      i += 2;
      if (t.tag === 'h2') {
        const { title, id, scenario } = headingAttributes(plainText(inline), lineOf(t));
        if (ids.has(id)) throw new ArticleSyntaxError(lineOf(t), `two sections have the anchor #${id}`);
        ids.add(id);
        sections.push({ id, title, scenario, blocks: [] });
      } else blocks().push({ kind: 'heading', inline });
    } else if (t.type === 'paragraph_open') {
      const { nodes, range } = readInline(tokens[i + 1].children ?? []);
      blocks().push({ kind: 'paragraph', inline: nodes, ...(range && { range }) });
      i += 2;
    } else if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') {
      const items: Inline[][] = [];
      let depth = 0;
      for (; i < tokens.length; i++) {
        const u = tokens[i];
        if (u.type.endsWith('_list_open')) depth++;
        else if (u.type.endsWith('_list_close') && --depth === 0) break;
        else if (u.type === 'list_item_open') items.push([]);
        else if (u.type === 'inline') {
          const item = items[items.length - 1];
          if (item.length) item.push({ kind: 'text', text: ' ' });
          item.push(...readInline(u.children ?? []).nodes);
        }
      }
      blocks().push({ kind: 'list', ordered: t.type === 'ordered_list_open', items });
    } else if (t.type === 'blockquote_open') {
      const inline: Inline[] = [];
      for (i++; i < tokens.length && tokens[i].type !== 'blockquote_close'; i++) if (tokens[i].type === 'inline') inline.push(...readInline(tokens[i].children ?? []).nodes);
      blocks().push({ kind: 'quote', inline });
    } else if (t.type === 'fence' && t.info.trim() === 'checkpoint') {
      const kv = keyValues(t.content.trimEnd(), lineOf(t), ['ask', 'answer', 'hint', 'show']);
      if (!kv.ask || !kv.answer || !kv.hint) throw new ArticleSyntaxError(lineOf(t), 'a checkpoint needs ask:, answer: (a value name) and hint:');
      blocks().push({ kind: 'checkpoint', ask: inlineOf(kv.ask), answer: kv.answer, hint: inlineOf(kv.hint), ...(kv.show && { show: kv.show }) });
    } else if (t.type === 'fence' && t.info.trim() === 'layers') {
      blocks().push({ kind: 'layers', selector: t.content.trim() });
    } else if (t.type === 'fence' || t.type === 'code_block') {
      blocks().push({ kind: 'paragraph', inline: [{ kind: 'code', text: t.content.trimEnd() }] });
    }
  }
  if (!sections.length) throw new ArticleSyntaxError(undefined, 'an article needs at least one "## Title {#anchor}" section');
  return { title: meta.title, scenario: meta.scenario, description: meta.description ?? '', intro, sections };
}
