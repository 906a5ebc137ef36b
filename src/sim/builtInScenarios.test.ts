import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioFile } from './scenarioFile';
import { findScenario, scenarioIds } from './scenarios';

const dir = join(import.meta.dirname, '../../assets/scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json');

// A bad built-in file fails here, with the file and field named, instead of on the page.
describe.each(files)('assets/scenarios/%s', (file) => {
  it('is a valid scenario whose id is its file name, and ships with the app', () => {
    const scenario = parseScenarioFile(file, readFileSync(join(dir, file), 'utf8'));
    expect(`${scenario.id}.json`).toBe(file);
    expect(scenarioIds()).toContain(scenario.id);
    expect(findScenario(scenario.id)).toEqual(scenario);
  });
});

it('every built-in scenario has a file', () => {
  expect(scenarioIds().map((id) => `${id}.json`).sort()).toEqual([...files].sort());
});
