import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Scenario } from '../src/sim/scenario';
import { parseScenarioFile, scenarioProblems } from '../src/sim/scenarioFile';
import { defaultScenarioId, findScenario, scenarioIds } from '../src/sim/scenarios';
import { applyVariant, KNOBS, readDropList, readKnob, type Variant } from '../src/sim/variant';

/** Prints what is wrong and how to get help, then exits with status 2 (a usage error). */
export function fail(command: string, message: string): never {
  console.error(`${command}: ${message}\n\nRun with --help for the options.`);
  process.exit(2);
}

/** The text of the file a flag names (`--trace FILE`), or exit 2 naming the flag, the path and why. */
export function readFlagText(command: string, flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    return fail(command, `cannot read --${flag} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Strict flags (unknown ones are errors), --help printing `help` and exiting 0. */
export function parseFlags(command: string, options: NonNullable<ParseArgsConfig['options']>, help: string): Record<string, string | boolean | undefined> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ options: { ...options, help: { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (e) {
    fail(command, (e as Error).message);
  }
  if (values.help) {
    console.log(help);
    process.exit(0);
  }
  return values;
}

/** The flags that pick a scenario (a built-in one by id, or a scenario file) and change it ("what if", as the page's $ network and drop=). */
export const scenarioFlags = {
  scenario: { type: 'string' },
  'scenario-file': { type: 'string' },
  ...Object.fromEntries(KNOBS.map((k) => [k.flag, { type: 'string' }])),
  drop: { type: 'string' },
} as Record<string, { type: 'string' }>;

/** Help text for those flags. */
export const scenarioFlagsHelp = `  --scenario-file FILE.json
                    a scenario file instead of a built-in one (see "Scenario files" in README.md)
  --rtt MS, --bandwidth MBITS, --loss FRACTION, --response-size BYTES
                    what if the network were different (as the page's $ network fields)
  --drop DIR:N[,…]  what if the link lost these packets: DIR is c2s, s2c, c2r or r2c, N counts
                    the packets sent that way from 1 (as "lose this packet" in the page)`;

/**
 * Where a scenario came from: a built-in id, or a file (its path and text, which the page
 * parses again); `scenario` has the what-if changes applied, `variant` is them.
 */
export type ScenarioSource = { scenario: Scenario; variant: Variant } & ({ id: string } | { file: string; text: string });

/** --rtt, --bandwidth, --loss, --response-size, --drop: checked like the page's URL hash. */
function variantFromFlags(command: string, values: Record<string, string | boolean | undefined>): Variant {
  const variant: Variant = { net: {}, drops: [] };
  for (const k of KNOBS) {
    const raw = values[k.flag] as string | undefined;
    if (raw === undefined) continue;
    const read = readKnob(k, raw);
    if ('problem' in read) fail(command, `bad --${k.flag} "${raw}": ${read.problem.replace(/such as \w+=(\S+)/, `such as --${k.flag} $1`)}`);
    variant.net[k.key] = read.value;
  }
  const drop = values.drop as string | undefined;
  if (drop !== undefined) {
    const read = readDropList(drop);
    if ('problem' in read) fail(command, `bad --drop "${read.item}": ${read.problem}`);
    variant.drops = read.drops;
  }
  return variant;
}

/**
 * --scenario ID or --scenario-file FILE (not both; neither: the default scenario). A bad file
 * exits with status 2 and one line per problem, each naming the file and the field.
 */
export function scenarioFromFlags(command: string, values: Record<string, string | boolean | undefined>): ScenarioSource {
  const variant = variantFromFlags(command, values);
  const withVariant = (s: Scenario): Scenario => {
    try {
      return applyVariant(s, variant);
    } catch (e) {
      return fail(command, `the what-if flags do not fit this scenario: ${scenarioProblems(e).join('; ')}`);
    }
  };
  const id = values.scenario as string | undefined;
  const file = values['scenario-file'] as string | undefined;
  if (id !== undefined && file !== undefined) fail(command, '--scenario and --scenario-file both pick the scenario: give one of them');
  if (file === undefined) {
    const scenario = findScenario(id ?? defaultScenarioId);
    if (!scenario) fail(command, `unknown scenario "${id}"; known: ${scenarioIds().join(', ')} (or --scenario-file FILE.json)`);
    return { scenario: withVariant(scenario), variant, id: scenario.id };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(command, `cannot read --scenario-file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? (e as Error).message)}`);
  }
  try {
    const scenario = parseScenarioFile(file, text);
    return { scenario: withVariant(scenario), variant, file, text };
  } catch (e) {
    // One line per problem, each naming the file and the field; --help would not help here.
    console.error(scenarioProblems(e, file).map((line) => `${command}: ${line}`).join('\n'));
    process.exit(2);
  }
}
