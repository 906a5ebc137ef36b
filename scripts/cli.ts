import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Prints what is wrong and how to get help, then exits with status 2 (a usage error). */
export function fail(command: string, message: string): never {
  console.error(`${command}: ${message}\n\nRun with --help for the options.`);
  process.exit(2);
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
