import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import https from '../assets/scenarios/https.json';
import { parseScenario } from '../src/sim/scenario';
import { scenarioDocs } from './scenarioDocs';
import { SCHEMA_FILE, scenarioJsonSchema, scenarioJsonSchemaText } from './scenarioJsonSchema';

describe('scenario.schema.json', () => {
  it('is what `npm run schema` writes from the zod schema (run it after changing src/sim/scenario.ts)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8') === scenarioJsonSchemaText(), `${SCHEMA_FILE} is out of date: run npm run schema`).toBe(true);
  });

  it('describes every field (add a line to scripts/scenarioDocs.ts for a new one)', () => {
    const { undocumented, stale } = scenarioJsonSchema();
    expect(undocumented).toEqual([]);
    expect(stale).toEqual([]);
  });

  it('lets a file leave out the fields that have defaults, and knows $schema', () => {
    const { schema } = scenarioJsonSchema() as { schema: any };
    expect(schema.required).toEqual(Object.keys(https).filter((k) => k !== 'description' && k !== '$schema'));
    expect(schema.properties.link.required).toEqual(['rttMs', 'bandwidthMbps']);
    expect(schema.properties.link.properties.lossRate).toMatchObject({ type: 'number', minimum: 0, maximum: 0.5, default: 0 });
    expect(schema.properties.$schema).toMatchObject({ type: 'string' });
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('README: Scenario files', () => {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Scenario files'));
  const block = /```jsonc\n([\s\S]*?)\n```/.exec(section)![1];
  const example = JSON.parse(block.replace(/\s+\/\/ .*$/gm, ''));

  it('the annotated example is a valid scenario', () => {
    expect(parseScenario(example).id).toBe('slow-lossy');
  });

  it('the annotated example shows every field', () => {
    const maps = new Set(Object.keys(scenarioDocs).filter((p) => p.endsWith('{}')).map((p) => p.slice(0, -2)));
    const paths = new Set<string>(['']);
    const walk = (value: unknown, path: string) => {
      paths.add(path);
      if (Array.isArray(value)) value.forEach((v) => walk(v, `${path}[]`));
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) walk(v, maps.has(path) ? `${path}{}` : path ? `${path}.${k}` : k);
    };
    walk(example, '');
    expect(Object.keys(scenarioDocs).filter((p) => !paths.has(p))).toEqual([]);
  });
});
