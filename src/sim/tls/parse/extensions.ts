import { Cursor, TlsParseError } from './cursor';
import { EXTENSION_NAMES, nameOf } from './names';

/**
 * Extensions (RFC 8446 §4.2) decoded by where they appear: key_share, supported_versions,
 * pre_shared_key and early_data have a different shape in each message that carries them.
 * Unknown extensions (and GREASE, RFC 8701) are kept raw in `list`.
 */
export type ExtensionContext = 'client_hello' | 'server_hello' | 'hello_retry_request' | 'encrypted_extensions' | 'new_session_ticket' | 'certificate' | 'certificate_request';

export interface Extension {
  type: number;
  name: string;
  data: Uint8Array;
}

export interface KeyShareEntry {
  group: number;
  keyExchange: Uint8Array;
}

export interface PskIdentity {
  identity: Uint8Array;
  obfuscatedTicketAge: number;
}

export interface Extensions {
  /** Every extension in wire order, raw. */
  list: Extension[];
  serverName?: string;
  supportedGroups?: number[];
  signatureAlgorithms?: number[];
  signatureAlgorithmsCert?: number[];
  alpn?: string[];
  /** ClientHello: the versions offered; ServerHello/HRR: the one selected. */
  supportedVersions?: number[];
  /** ClientHello: the shares offered; ServerHello: the one chosen. */
  keyShares?: KeyShareEntry[];
  /** HelloRetryRequest: the group the server wants a share for. */
  selectedGroup?: number;
  pskKeyExchangeModes?: number[];
  /** ClientHello (RFC 8446 §4.2.11): offered identities and their binders. */
  preSharedKey?: {
    identities: PskIdentity[];
    binders: Uint8Array[];
    /** Bytes of the binders list with its 2-byte length: the ClientHello minus these is what the binders MAC. */
    bindersLength: number;
  };
  /** ServerHello: which offered identity the server accepted. */
  selectedIdentity?: number;
  /** ClientHello / EncryptedExtensions: present (empty); NewSessionTicket: max_early_data_size. */
  earlyData?: { maxEarlyDataSize?: number };
  cookie?: Uint8Array;
  ecPointFormats?: number[];
  extendedMasterSecret?: boolean;
  encryptThenMac?: boolean;
  /** RFC 5077: empty to ask for a ticket, or a ticket to resume with. */
  sessionTicket?: Uint8Array;
  renegotiationInfo?: Uint8Array;
  recordSizeLimit?: number;
  statusRequest?: boolean;
  postHandshakeAuth?: boolean;
}

function u16List(c: Cursor, size: 1 | 2, what: string): number[] {
  const l = c.sub(size, what);
  const out: number[] = [];
  while (l.left) out.push(l.u16(what));
  return out;
}

function u8List(c: Cursor, what: string): number[] {
  const l = c.sub(1, what);
  const out: number[] = [];
  while (l.left) out.push(l.u8(what));
  return out;
}

const keyShareEntry = (c: Cursor): KeyShareEntry => ({ group: c.u16('key_share group'), keyExchange: c.vector(2, 'key_exchange').slice() });

function decodeOne(x: Extensions, type: number, c: Cursor, ctx: ExtensionContext): void {
  switch (type) {
    case 0: {
      if (!c.left) return; // ServerHello/EE: empty = "I used your SNI"
      const l = c.sub(2, 'server name list');
      while (l.left) {
        const kind = l.u8('name type');
        const name = l.vector(2, 'host name');
        if (kind === 0) x.serverName = new TextDecoder().decode(name);
      }
      return;
    }
    case 5: x.statusRequest = true; c.at = c.end; return;
    case 10: x.supportedGroups = u16List(c, 2, 'named group list'); return;
    case 11: x.ecPointFormats = u8List(c, 'ec point formats'); return;
    case 13: x.signatureAlgorithms = u16List(c, 2, 'signature algorithms'); return;
    case 50: x.signatureAlgorithmsCert = u16List(c, 2, 'signature algorithms cert'); return;
    case 16: {
      const l = c.sub(2, 'protocol name list');
      x.alpn = [];
      while (l.left) x.alpn.push(new TextDecoder().decode(l.vector(1, 'protocol name')));
      return;
    }
    case 22: x.encryptThenMac = true; return;
    case 23: x.extendedMasterSecret = true; return;
    case 28: x.recordSizeLimit = c.u16('record_size_limit'); return;
    case 35: x.sessionTicket = c.take(c.left, 'session ticket').slice(); return;
    case 49: x.postHandshakeAuth = true; return;
    case 65281: x.renegotiationInfo = c.vector(1, 'renegotiated_connection').slice(); return;
    case 44: x.cookie = c.vector(2, 'cookie').slice(); return;
    case 45: x.pskKeyExchangeModes = u8List(c, 'psk key exchange modes'); return;
    case 43:
      if (ctx === 'client_hello') x.supportedVersions = u16List(c, 1, 'versions');
      else x.supportedVersions = [c.u16('selected_version')];
      return;
    case 51:
      if (ctx === 'client_hello') {
        const l = c.sub(2, 'client_shares');
        x.keyShares = [];
        while (l.left) x.keyShares.push(keyShareEntry(l));
      } else if (ctx === 'hello_retry_request') x.selectedGroup = c.u16('selected_group');
      else x.keyShares = [keyShareEntry(c)];
      return;
    case 41:
      if (ctx === 'client_hello') {
        const ids = c.sub(2, 'identities');
        const identities: PskIdentity[] = [];
        while (ids.left) identities.push({ identity: ids.vector(2, 'identity').slice(), obfuscatedTicketAge: ids.u32('obfuscated_ticket_age') });
        const bindersLength = c.left;
        const bl = c.sub(2, 'binders');
        const binders: Uint8Array[] = [];
        while (bl.left) binders.push(bl.vector(1, 'binder').slice());
        x.preSharedKey = { identities, binders, bindersLength };
      } else x.selectedIdentity = c.u16('selected_identity');
      return;
    case 42:
      x.earlyData = ctx === 'new_session_ticket' ? { maxEarlyDataSize: c.u32('max_early_data_size') } : {};
      return;
    default:
      c.at = c.end;
  }
}

/** Parses an extensions block's contents (after its 2-byte length). */
export function parseExtensions(block: Uint8Array, ctx: ExtensionContext): Extensions {
  const c = new Cursor(block);
  const x: Extensions = { list: [] };
  const seen = new Set<number>();
  while (c.left) {
    const type = c.u16('extension type');
    const data = c.vector(2, `extension ${type} data`);
    // RFC 8446 §4.2: at most one extension of each type.
    if (seen.has(type)) throw new TlsParseError(`duplicate extension ${nameOf(EXTENSION_NAMES, type)}`);
    seen.add(type);
    x.list.push({ type, name: nameOf(EXTENSION_NAMES, type), data: data.slice() });
    const inner = new Cursor(data);
    decodeOne(x, type, inner, ctx);
    inner.done(`extension ${nameOf(EXTENSION_NAMES, type)}`);
  }
  if (ctx === 'client_hello' && x.preSharedKey && x.list.at(-1)!.type !== 41) throw new TlsParseError('pre_shared_key must be the last extension of a ClientHello (RFC 8446 §4.2.11)');
  return x;
}
