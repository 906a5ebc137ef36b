import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioFile } from './scenarioFile';

const dir = join(import.meta.dirname, '../../assets/scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json');

// A bad built-in file fails here, naming the file and the field, instead of on the page.
describe.each(files)('assets/scenarios/%s', (file) => {
  it('is a valid scenario named after its id', () => {
    const scenario = parseScenarioFile(file, readFileSync(join(dir, file), 'utf8'));
    expect(`${scenario.id}.json`).toBe(file);
  });
});

it('the app ships every file in assets/scenarios, and each as the file says', async () => {
  // Imported here: a bad file makes this import throw, after the tests above have named it.
  const { findScenario, scenarioIds } = await import('./scenarios');
  expect(scenarioIds().map((id) => `${id}.json`).sort()).toEqual([...files].sort());
  expect(scenarioIds()).not.toContain('file'); // #scenario=file means "a scenario file
  for (const file of files) expect(findScenario(file.replace(/\.json$/, ''))).toEqual(parseScenarioFile(file, readFileSync(join(dir, file), 'utf8')));
});
