/** The capture fixtures imported as the app imports them (tests only). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePcapng } from '../../src/export/pcapng';
import { FIXTURE_DIR, type FIXTURES, fixture, KEY_LOGS } from '../../src/import/fixtures';
import { openCapture } from '../../src/import/openCapture';
import { captureToTrace } from '../../src/import/toTrace';
import { traceFromJson, traceToJson } from '../../src/import/traceFile';

export type Fixture = (typeof FIXTURES)[number];

export function openFixture(name: Fixture) {
  const o = openCapture(fixture(name));
  if (!o.ok) throw new Error(o.error);
  return o.value;
}

export const keyLogOf = (name: Fixture): string | undefined => {
  const keyFile = KEY_LOGS[name];
  return keyFile ? readFileSync(join(FIXTURE_DIR, keyFile), 'utf8') : undefined;
};

export function importFixture(name: Fixture, withKeys = true) {
  const trace = captureToTrace(openFixture(name), { keyLog: withKeys ? keyLogOf(name) : undefined });
  if (!trace.ok) throw new Error(trace.error);
  return trace.value;
}

/** Imported, written as a trace file, read back and written as pcapng (the app's export path). */
export function exported(name: Fixture) {
  const opened = openFixture(name);
  const trace = importFixture(name);
  const back = traceFromJson(traceToJson(trace.sim));
  if (!back.ok) throw new Error(back.error);
  return { opened, trace, pcapng: writePcapng(back.value) };
}

