import { parseDnsMessage } from '../sim/dns/parse';
import { Http2Reader } from '../sim/http2/frames';
import { type HandshakeMessage, isHelloRetryRequest } from '../sim/tls/parse';
import type { DecryptedRecord, Layer, Phase, TopLayer } from '../sim/types';
import { readHttp1, looksLikeHttp1 } from './http1';
import type { KeyLog } from './keyLog';
import { looksLikeTls, readTlsSession, type TlsSession, cipherSuiteName } from './tlsSession';
import type { TcpStream } from './tcpStreams';

/** Something an application sent that ends at a byte of one direction's TCP stream: a TLS record, an HTTP message. */
export interface AppUnit {
  direction: 0 | 1;
  /** Stream offsets [start, end). */
  start: number;
  end: number;
  label: string;
  topLayer: TopLayer;
  phase: Phase;
  /** What the inspector shows of this unit in the packet that completes it. */
  decrypted?: DecryptedRecord;
  /** A TLS record's header and length, for the packet's TLS layer. */
  record?: { type: number; length: number; innerName: string; encrypted: boolean; handshakeTypes: number[] };
  http?: { method?: string; path?: string; status?: number };
}

export interface StreamDissection {
  units: AppUnit[];
  tls?: TlsSession;
  /** 'tls' | 'http/1.1' | 'h2c' | 'bytes'. */
  protocol: string;
  problems: string[];
}

const RECORD_NAMES: Record<number, string> = { 20: 'ChangeCipherSpec', 21: 'Alert', 22: 'Handshake', 23: 'Application Data' };

/** Maps a position in the decrypted application data back to the record (and so the TCP bytes) that carried it. */
function recordEndFor(tls: TlsSession, d: 0 | 1, appEnd: number): number | undefined {
  for (const r of tls.directions[d].records) {
    if (r.appOffset === undefined || !r.plaintext) continue;
    if (appEnd > r.appOffset && appEnd <= r.appOffset + r.plaintext.length) return r.record.offset + r.record.length;
  }
  return undefined;
}

/** HTTP/2 without TLS: the client opens with the connection preface (RFC 9113 §3.4). */
const isH2c = (client: Uint8Array) => client.length >= 24 && new TextDecoder().decode(client.subarray(0, 24)).startsWith('PRI * HTTP/2.0');

function httpUnits(app: [Uint8Array, Uint8Array], endOf: (d: 0 | 1, appEnd: number) => number | undefined, problems: string[]): AppUnit[] {
  const units: AppUnit[] = [];
  if (isH2c(app[0])) {
    for (const d of [0, 1] as const) {
      const parsed = new Http2Reader(d === 0 ? 'client' : 'server').push(app[d]);
      if (parsed.error) problems.push(parsed.error);
      for (const f of parsed.frames) {
        const end = endOf(d, f.offset + f.bytes.length);
        if (end === undefined) continue;
        const h = (n: string) => f.headers?.find((x) => x.name === n)?.value;
        const label = f.headers ? (h(':method') ? `${h(':method')} ${h(':path') ?? h(':authority') ?? ''}`.trim() : h(':status') ? `${h(':status')}` : f.summary) : f.summary.replace(/ stream \d+/, '');
        const layer: Layer = { name: 'HTTP2', summary: f.summary, fields: f.fields };
        units.push({
          direction: d, start: end - 1, end, label, topLayer: 'http', phase: 'http',
          decrypted: { title: f.summary, key: '', bytes: f.bytes, layers: [layer] },
          http: f.headers ? { method: h(':method'), path: h(':path'), status: h(':status') ? Number(h(':status')) : undefined } : undefined,
        });
      }
    }
    return units;
  }
  if (!looksLikeHttp1(app[0]) && !looksLikeHttp1(app[1])) return units;
  const requests = readHttp1(app[0]);
  const responses = readHttp1(app[1], requests.map((r) => r.method ?? ''));
  for (const [d, messages] of [[0, requests], [1, responses]] as const) {
    for (const m of messages) {
      const end = endOf(d, m.end);
      if (end === undefined) continue;
      const bytes = app[d].subarray(m.start, m.end);
      units.push({ direction: d, start: end - 1, end, label: m.label, topLayer: 'http', phase: 'http', decrypted: { title: m.startLine, key: '', bytes, layers: [m.layer] }, http: { method: m.method, path: m.path, status: m.status } });
    }
  }
  return units;
}

/** RFC 8446 §4.1.3: a ServerHello whose random is SHA-256("HelloRetryRequest") is a HelloRetryRequest, as tshark names it. */
const messageName = (m: HandshakeMessage): string => (m.type === 2 && isHelloRetryRequest(m.body) ? 'HelloRetryRequest' : m.name);

/** Reads what the two directions of a TCP connection carry: TLS (opened with the key log when it can), HTTP, or plain bytes. */
export function dissectStream(stream: TcpStream, keyLog: KeyLog | undefined): StreamDissection {
  const data: [Uint8Array, Uint8Array] = [stream.data[0].bytes, stream.data[1].bytes];
  const problems: string[] = [];
  if (looksLikeTls(data[0]) || looksLikeTls(data[1])) {
    const tls = readTlsSession(data, keyLog);
    // A direction that lost its place: the record layer's TlsParseError, which says "TLS parse: …".
    for (const d of tls.directions) if (d.problem) problems.push(d.problem);
    const units: AppUnit[] = [];
    tls.directions.forEach((dir, d) => {
      for (const r of dir.records) {
        const names = r.handshake.map(messageName);
        const innerName = names.length ? names.join(', ') : RECORD_NAMES[r.innerType] ?? `type ${r.innerType}`;
        const label = r.encrypted && !r.plaintext ? 'encrypted record' : innerName;
        const title = `${innerName}${r.encrypted ? ' (decrypted)' : ''}`;
        units.push({
          direction: d as 0 | 1,
          start: r.record.offset,
          end: r.record.offset + r.record.length,
          label,
          topLayer: 'tls',
          phase: r.innerType === 23 ? 'http' : r.innerType === 21 ? 'close' : 'tls',
          record: { type: r.record.type, length: r.record.length - 5, innerName, encrypted: r.encrypted, handshakeTypes: r.handshake.map((m) => m.type) },
          decrypted: r.encrypted && r.plaintext ? { title, key: r.key ?? '', bytes: r.plaintext, layers: [{ name: 'TLS', summary: `${innerName}, ${r.plaintext.length} bytes of plaintext`, fields: [{ name: 'content type', value: RECORD_NAMES[r.innerType] ?? String(r.innerType) }] }] } : undefined,
        });
      }
    });
    const app: [Uint8Array, Uint8Array] = [tls.directions[0].appData, tls.directions[1].appData];
    for (const u of httpUnits(app, (d, end) => recordEndFor(tls, d, end), problems)) units.push(u);
    if (tls.cipherSuite !== undefined && tls.decryption === 'unsupported cipher suite') problems.push(`TLS: records stay encrypted: ${cipherSuiteName(tls.cipherSuite)} is not one this importer decrypts (AES-GCM and ChaCha20-Poly1305 suites only)`);
    return { units, tls, protocol: 'tls', problems };
  }
  const units = httpUnits(data, (_d, end) => end, problems);
  return { units, protocol: !units.length ? 'bytes' : isH2c(data[0]) ? 'h2c' : 'http/1.1', problems };
}

/** A DNS message in a UDP payload, as a layer and a label, or undefined when it is not DNS. */
export function dnsUnit(payload: Uint8Array): { label: string; layer: Layer } | undefined {
  try {
    const m = parseDnsMessage(payload);
    const q = m.questions[0];
    const label = m.response ? `DNS ${m.answers.map((a) => a.address ?? a.type).join(', ') || `rcode ${m.rcode}`}` : `DNS ${q?.type ?? ''} ${q?.name ?? ''}`.trim();
    return { label, layer: { name: 'DNS', summary: label, fields: [{ name: 'ID', value: `0x${m.id.toString(16).padStart(4, '0')}` }, { name: m.response ? 'response' : 'query', value: q ? `${q.name} ${q.type}` : '' }, ...m.answers.map((a) => ({ name: 'answer', value: `${a.name} ${a.type} ${a.address ?? ''} TTL ${a.ttlS} s` }))] } };
  } catch {
    return undefined;
  }
}
