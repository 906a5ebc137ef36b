import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import https from '../assets/scenarios/https.json';
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
