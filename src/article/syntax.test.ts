import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referencesOf } from './references';
import { ArticleSyntaxError, parseArticle } from './syntax';

const front = '---\ntitle: T\nscenario: https\n---\n';

describe('article syntax', () => {
  it('reads front matter, sections with anchors and scenarios, moment links, values and step ranges', () => {
    const a = parseArticle(`${front}Intro {{rtt}}.\n\n## One {#one}\n\n[[SYN..ACK]] The [SYN](#@SYN) has seq={{SYN.seq}}.\n\n## Two {#two scenario=lost-syn}\n\n- **a** [b](#@lost)\n- c\n`);
    expect(a.title).toBe('T');
    expect(a.scenario).toBe('https');
    expect(a.intro).toEqual([{ kind: 'paragraph', inline: [{ kind: 'text', text: 'Intro ' }, { kind: 'value', name: 'rtt' }, { kind: 'text', text: '.' }] }]);
    expect(a.sections.map((s) => [s.id, s.title, s.scenario])).toEqual([
      ['one', 'One', undefined],
      ['two', 'Two', 'lost-syn'],
    ]);
    expect(a.sections[0].blocks[0]).toEqual({
      kind: 'paragraph',
      range: 'SYN..ACK',
      inline: [
        { kind: 'text', text: 'The ' },
        { kind: 'moment', selector: 'SYN', children: [{ kind: 'text', text: 'SYN' }] },
        { kind: 'text', text: ' has seq=' },
        { kind: 'value', name: 'SYN.seq' },
        { kind: 'text', text: '.' },
      ],
    });
    expect(a.sections[1].blocks[0]).toMatchObject({ kind: 'list', ordered: false, items: [[{ kind: 'strong' }, { kind: 'text', text: ' ' }, { kind: 'moment', selector: 'lost' }], [{ kind: 'text', text: 'c' }]] });
  });

  it('reads checkpoints and layer figures from fences', () => {
    const a = parseArticle(`${front}## S {#s}\n\n\`\`\`checkpoint\nask: What is {{SYN.seq}}?\nanswer: SYN.seq\nhint: Look at [it](#@SYN).\nshow: SYN\n\`\`\`\n\n\`\`\`layers\nGET\n\`\`\`\n`);
    expect(a.sections[0].blocks).toEqual([
      {
        kind: 'checkpoint',
        ask: [{ kind: 'text', text: 'What is ' }, { kind: 'value', name: 'SYN.seq' }, { kind: 'text', text: '?' }],
        answer: 'SYN.seq',
        hint: [{ kind: 'text', text: 'Look at ' }, { kind: 'moment', selector: 'SYN', children: [{ kind: 'text', text: 'it' }] }, { kind: 'text', text: '.' }],
        show: 'SYN',
      },
      { kind: 'layers', selector: 'GET' },
    ]);
    expect(referencesOf(a.sections[0].blocks)).toEqual({ moments: ['SYN', 'SYN', 'GET'], values: ['SYN.seq', 'SYN.seq'] });
  });

  it('keeps raw HTML and script URLs as text, never markup', () => {
    const a = parseArticle(`${front}## S {#s}\n\n<script>alert(1)</script> [x](javascript:alert(1))\n`);
    const text = JSON.stringify(a.sections[0].blocks);
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).not.toContain('"kind":"link"'); // markdown-it refuses javascript: links
  });

  it.each([
    ['no front matter', '## S {#s}\n', /front matter/],
    ['a section without an anchor', `${front}## S\n`, /line 5: section "S" needs an anchor/],
    ['a duplicate anchor', `${front}## A {#a}\n\n## B {#a}\n`, /two sections have the anchor #a/],
    ['an unknown section attribute', `${front}## A {#a color=red}\n`, /unknown section attribute "color=red"/],
    ['a checkpoint without a hint', `${front}## A {#a}\n\n\`\`\`checkpoint\nask: q\nanswer: rtt\n\`\`\`\n`, /needs ask:, answer: \(a value name\) and hint:/],
    ['an unknown checkpoint key', `${front}## A {#a}\n\n\`\`\`checkpoint\nask: q\nanser: rtt\n\`\`\`\n`, /unknown key "anser"/],
    ['no section at all', `${front}just text\n`, /at least one/],
  ])('rejects %s with a message that names the fix', (_, source, message) => {
    expect(() => parseArticle(source)).toThrow(ArticleSyntaxError);
    expect(() => parseArticle(source)).toThrow(message);
  });

  it('parses the shipped articles', () => {
    for (const f of ['https', 'lost-syn']) {
      const a = parseArticle(readFileSync(`assets/articles/${f}.md`, 'utf8'));
      expect(a.sections.length).toBeGreaterThanOrEqual(4);
      expect(a.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'checkpoint').length).toBeGreaterThanOrEqual(1);
    }
  });
});
