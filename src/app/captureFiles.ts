import { fail, ok, type Result } from '../import/capture';
import { type Conversation, parseStreamList, STREAM_LIST_HELP } from '../import/conversations';
import { type OpenedCapture, openCapture } from '../import/openCapture';
import { captureToTrace, type ImportedTrace } from '../import/toTrace';
import type { Scenario } from '../sim/scenario';
import { findScenario } from '../sim/scenarios';

/** What "open capture…" and a drop accept: captures, and NSS key logs (SSLKEYLOGFILE). */
export const CAPTURE_EXTENSIONS = ['.pcap', '.pcapng', '.cap'] as const;
export const KEY_LOG_EXTENSIONS = ['.txt', '.log', '.keys'] as const;
/** Larger captures are refused before reading (the README's limits: 100,000 packets stay usable). */
export const MAX_CAPTURE_BYTES = 200e6;
const MAX_KEY_LOG_BYTES = 10e6;

const hasExt = (name: string, exts: readonly string[]) => exts.some((e) => name.toLowerCase().endsWith(e));
export const isCaptureName = (name: string) => hasExt(name, CAPTURE_EXTENSIONS);
export const isKeyLogName = (name: string) => hasExt(name, KEY_LOG_EXTENSIONS);

export interface FileLike {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
}

/** Files chosen or dropped together, sorted into one capture and one key log; what does not fit is named. */
export async function sortCaptureFiles(files: readonly FileLike[]): Promise<{ capture?: { name: string; bytes: Uint8Array }; keyLog?: { name: string; text: string }; problems: string[] }> {
  const problems: string[] = [];
  const captures = files.filter((f) => isCaptureName(f.name));
  const keyLogs = files.filter((f) => isKeyLogName(f.name));
  if (captures.length > 1) problems.push(`${captures.length} captures at once: opening ${captures[0].name} only`);
  if (keyLogs.length > 1) problems.push(`${keyLogs.length} key logs at once: using ${keyLogs[0].name} only`);
  for (const f of files) if (!isCaptureName(f.name) && !isKeyLogName(f.name)) problems.push(`${f.name}: not a capture (${CAPTURE_EXTENSIONS.join(', ')}) or a key log (${KEY_LOG_EXTENSIONS.join(', ')}); ignored`);
  let capture: { name: string; bytes: Uint8Array } | undefined;
  let keyLog: { name: string; text: string } | undefined;
  const c = captures[0];
  if (c && c.size > MAX_CAPTURE_BYTES) problems.push(`${c.name}: the file is ${(c.size / 1e6).toFixed(0)} MB; the page opens captures up to ${MAX_CAPTURE_BYTES / 1e6} MB (cut it with editcap, or pick one stream with tshark -w)`);
  else if (c) capture = { name: c.name, bytes: new Uint8Array(await c.arrayBuffer()) };
  const k = keyLogs[0];
  if (k && k.size > MAX_KEY_LOG_BYTES) problems.push(`${k.name}: ${(k.size / 1e6).toFixed(0)} MB is too big for a key log (at most ${MAX_KEY_LOG_BYTES / 1e6} MB)`);
  else if (k) keyLog = { name: k.name, text: await k.text() };
  return { capture, keyLog, problems };
}

/** A capture read once; each conversation becomes a trace when picked. */
export interface OpenCaptureFile {
  name: string;
  opened: OpenedCapture;
  keyLog?: { name: string; text: string };
}

export function readCaptureFile(name: string, bytes: Uint8Array): Result<OpenCaptureFile> {
  const opened = openCapture(bytes);
  if (!opened.ok) return fail(`${name}: ${opened.error}`);
  if (!opened.value.conversations.length) return fail(`${name}: ${opened.value.frames.length} frame${opened.value.frames.length === 1 ? '' : 's'} but no TCP or UDP conversation to show`);
  return ok({ name, opened: opened.value });
}

export { streamListName, streamName } from '../import/conversations';

/** `stream`: one conversation or several, as the link names them ("0", "0,1,udp 0"). */
export function traceOf(file: OpenCaptureFile, stream: string): Result<ImportedTrace> {
  const ids = parseStreamList(stream);
  if (!ids) return fail(`${file.name}: "${stream}" does not name conversations: ${STREAM_LIST_HELP}`);
  const trace = captureToTrace(file.opened, { conversation: ids, keyLog: file.keyLog?.text });
  return trace.ok ? trace : fail(`${file.name}: ${trace.error}`);
}

/** One row of the conversations picker, in Wireshark's columns. */
export function conversationRow(c: Conversation): string[] {
  const endpoint = (e: { ip: string; port: number }) => (e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`);
  return [c.id, endpoint(c.a), endpoint(c.b), c.packets.toLocaleString('en'), c.bytes.toLocaleString('en'), `${(c.durationUs / 1e6).toFixed(6)} s`];
}
export const CONVERSATION_COLUMNS = ['stream', 'address A', 'address B', 'packets', 'bytes', 'duration'];

/** The "scenario" of a captured conversation: it only names and describes it (the trace is the capture's, not simulated). */
export function captureScenario(fileName: string, picked: Conversation | readonly Conversation[], keyLogName?: string): Scenario {
  const cs = Array.isArray(picked) ? picked : [picked as Conversation];
  const one = (c: Conversation) => `${c.id}: ${c.a.ip} :${c.a.port} ⇄ ${c.b.ip} :${c.b.port}, ${c.packets} packets`;
  const what = cs.length === 1 ? one(cs[0]) : `${cs.length} conversations (${cs.map(one).join('; ')})`;
  return { ...findScenario('https')!, id: 'capture', title: `${fileName} · ${cs.map((c) => c.id).join(' + ')}`, description: `Captured traffic, ${what}${keyLogName ? `, keys from ${keyLogName}` : ''}.` };
}
