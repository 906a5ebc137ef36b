import { readFileSync } from 'node:fs';
import { parseStreamList, STREAM_LIST_HELP } from '../src/import/conversations';
import { openCapture } from '../src/import/openCapture';
import { captureToTrace, type ImportedTrace } from '../src/import/toTrace';
import { fail } from './cli';

const readOrFail = (command: string, path: string, what: string): Uint8Array => {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    return fail(command, `cannot read the ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
};

/** --capture FILE [--keylog FILE] [--stream N]: read, pick the conversation, make the trace; exit 2 on bad input. */
export function importFromFlags(command: string, capturePath: string, keyLogPath: string | undefined, stream: string | undefined): ImportedTrace {
  const conversation = stream === undefined ? undefined : parseStreamList(stream);
  if (stream !== undefined && !conversation) fail(command, `bad --stream "${stream}": ${STREAM_LIST_HELP}`);
  const opened = openCapture(readOrFail(command, capturePath, 'capture'));
  if (!opened.ok) fail(command, `${capturePath}: ${opened.error}`);
  const keyLog = keyLogPath ? new TextDecoder().decode(readOrFail(command, keyLogPath, 'key log')) : undefined;
  const trace = captureToTrace(opened.value, { keyLog, conversation });
  if (!trace.ok) fail(command, `${capturePath}: ${trace.error}`);
  for (const n of trace.value.notices) console.error(`${command}: note: ${n}`);
  return trace.value;
}
