import { toHex } from '../sim/bytes/hex';

/** NSS key log (SSLKEYLOGFILE): "LABEL <client_random hex> <secret hex>" per line, # comments. */
export interface KeyLog {
  /** label → client random (hex) → secret. */
  secrets: Map<string, Map<string, Uint8Array>>;
  lines: number;
  /** Lines that are neither comments nor key lines. */
  ignored: number;
}

const LINE = /^([A-Z0-9_]+)\s+([0-9a-fA-F]{64})\s+([0-9a-fA-F]+)\s*$/;

export function parseKeyLog(text: string): KeyLog {
  const log: KeyLog = { secrets: new Map(), lines: 0, ignored: 0 };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m || m[3].length % 2) {
      log.ignored++;
      continue;
    }
    log.lines++;
    const byRandom = log.secrets.get(m[1]) ?? new Map<string, Uint8Array>();
    byRandom.set(m[2].toLowerCase(), Uint8Array.from(m[3].match(/../g)!, (h) => Number.parseInt(h, 16)));
    log.secrets.set(m[1], byRandom);
  }
  return log;
}

export function secretFor(log: KeyLog, label: string, clientRandom: Uint8Array): Uint8Array | undefined {
  return log.secrets.get(label)?.get(toHex(clientRandom));
}

export const mergeKeyLogs = (...texts: string[]): string => texts.filter(Boolean).map((t) => (t.endsWith('\n') ? t : `${t}\n`)).join('');
