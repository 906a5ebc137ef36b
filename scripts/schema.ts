/**
 * npm run schema
 * Writes assets/scenarios/scenario.schema.json from the zod schema in src/sim/scenario.ts, so
 * editors can check and complete scenario files ("$schema": "./scenario.schema.json").
 * schema.test.ts fails when the checked-in file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { SCHEMA_FILE, scenarioJsonSchema, scenarioJsonSchemaText } from './scenarioJsonSchema';

const { undocumented, stale } = scenarioJsonSchema();
if (undocumented.length) console.error(`schema: no description in scripts/scenarioDocs.ts for ${undocumented.map((p) => p || '(top level)').join(', ')}`);
if (stale.length) console.error(`schema: scripts/scenarioDocs.ts describes fields the schema no longer has: ${stale.join(', ')}`);
const text = scenarioJsonSchemaText();
let old = '';
try {
  old = readFileSync(SCHEMA_FILE, 'utf8');
} catch {
  // first run
}
if (old === text) console.log(`${SCHEMA_FILE} is up to date`);
else {
  writeFileSync(SCHEMA_FILE, text);
  console.log(`wrote ${SCHEMA_FILE}`);
}
if (undocumented.length || stale.length) process.exit(1);
