import { x25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { clipLayers } from '../bytes/clip';
import { concat, fromBase64, toHex } from '../bytes/hex';
import { shiftFields } from '../bytes/writer';
import type { HttpMessage } from '../http/messages';
import type { Prng } from '../prng';
import type { Layer, TopLayer } from '../types';
import { applicationSecrets, finishedVerifyData, handshakeSecrets, trafficKeys, transcriptHash, type TrafficKeys } from './keySchedule';
import {
  certificateVerifyInput,
  encodeCertificate,
  encodeCertificateVerify,
  encodeClientHello,
  encodeEncryptedExtensions,
  encodeFinished,
  encodeServerHello,
  type Encoded,
} from './messages';
import { CONTENT_ALERT, CONTENT_APPLICATION_DATA, CONTENT_HANDSHAKE, plainRecord, sealRecord } from './record';
import { encryptedRecordField, plainRecordField, tlsLayer } from './recordLayer';
import { intermediateCertificateDer, leafCertificateDer, leafPrivateKeyPkcs8Der } from './testCertificates';

/** What one TLS record looks like decrypted: its plaintext and that plaintext's fields. */
export interface Decrypted {
  title: string;
  /** Which key opens it, in words: "server handshake traffic key". */
  key: string;
  bytes: Uint8Array;
  /** Field offsets are from the start of `bytes`. */
  layers: Layer[];
}

/** Bytes an application hands to TCP, with the field map of what they carry. */
export interface TlsWrite {
  label: string;
  topLayer: TopLayer;
  data: Uint8Array;
  /** Field offsets are from the start of `data`. */
  layers: Layer[];
  /** `end`: where the record ends in `data`, when a write holds several. */
  decrypted: (Decrypted & { end?: number })[];
}

/** RFC 8446 §5.1: a record carries at most 2^14 bytes of plaintext. */
export const MAX_RECORD_PLAINTEXT = 16384;

/** The 32-byte scalar inside a PKCS#8 P-256 key: ECPrivateKey is `02 01 01 04 20 <key>` (RFC 5915). */
function p256PrivateKey(pkcs8: Uint8Array): Uint8Array {
  for (let i = 0; i + 37 <= pkcs8.length; i++) {
    if (pkcs8[i] === 2 && pkcs8[i + 1] === 1 && pkcs8[i + 2] === 1 && pkcs8[i + 3] === 4 && pkcs8[i + 4] === 32) return pkcs8.slice(i + 5, i + 37);
  }
  throw new Error('PKCS#8: no P-256 private key found');
}

/**
 * A TLS 1.3 client and server (RFC 8446) with real X25519, HKDF, AES-128-GCM and an ECDSA
 * CertificateVerify, all randomness drawn from the seeded PRNG: the same seed gives the
 * same bytes. The handshake runs in call order: clientHello, serverHello, serverFlight,
 * clientFinished, then application data and close_notify.
 */
export function createTlsConnection(prng: Prng, host: string) {
  const clientRandom = prng.bytes(32);
  const clientSecret = prng.bytes(32);
  const serverRandom = prng.bytes(32);
  const serverSecret = prng.bytes(32);
  const transcript: Uint8Array[] = [];
  const keyLog: string[] = [];
  const log = (label: string, secret: Uint8Array) => keyLog.push(`${label} ${toHex(clientRandom)} ${toHex(secret)}`);
  let hs: ReturnType<typeof handshakeSecrets>;
  let keys: { clientHs: TrafficKeys; serverHs: TrafficKeys; clientAp?: TrafficKeys; serverAp?: TrafficKeys };
  const seq = { clientHs: 0, serverHs: 0, clientAp: 0, serverAp: 0 };

  const plainWrite = (label: string, msg: Encoded, version: number, summary: string): TlsWrite => {
    transcript.push(msg.bytes);
    const record = plainRecord(CONTENT_HANDSHAKE, msg.bytes, version);
    return { label, topLayer: 'tls', data: record, layers: [tlsLayer([plainRecordField(record, msg.fields, 0, label)], summary)], decrypted: [] };
  };

  const sealedWrite = (label: string, k: TrafficKeys, n: number, innerType: number, content: Uint8Array, contentLayers: Layer[], keyName: string, summary: string, topLayer: TopLayer = 'tls'): TlsWrite => {
    const record = sealRecord(k, n, innerType, content);
    return {
      label,
      topLayer,
      data: record,
      layers: [tlsLayer([encryptedRecordField(record, 0, label, keyName)], summary)],
      decrypted: [{ title: label, key: keyName, bytes: content, layers: contentLayers }],
    };
  };

  const handshakeLayer = (messages: Encoded[], summary: string): Layer => {
    let at = 0;
    const fields = messages.flatMap((m) => {
      const shifted = shiftFields(m.fields, at);
      at += m.bytes.length;
      return shifted;
    });
    return tlsLayer(fields, summary);
  };

  return {
    clientRandom,
    clientHello(): TlsWrite {
      const msg = encodeClientHello(clientRandom, x25519.getPublicKey(clientSecret), host);
      return plainWrite('ClientHello', msg, 0x0301, `Handshake: ClientHello, SNI ${host}, x25519 key share`);
    },

    serverHello(): TlsWrite {
      const msg = encodeServerHello(serverRandom, x25519.getPublicKey(serverSecret));
      const write = plainWrite('ServerHello', msg, 0x0303, 'Handshake: ServerHello, TLS_AES_128_GCM_SHA256, x25519');
      const shared = x25519.getSharedSecret(serverSecret, x25519.getPublicKey(clientSecret));
      hs = handshakeSecrets(shared, transcriptHash(...transcript));
      keys = { clientHs: trafficKeys(hs.clientHandshakeTrafficSecret), serverHs: trafficKeys(hs.serverHandshakeTrafficSecret) };
      log('CLIENT_HANDSHAKE_TRAFFIC_SECRET', hs.clientHandshakeTrafficSecret);
      log('SERVER_HANDSHAKE_TRAFFIC_SECRET', hs.serverHandshakeTrafficSecret);
      return write;
    },

    serverFlight(): TlsWrite {
      const ee = encodeEncryptedExtensions();
      const cert = encodeCertificate([
        { der: fromBase64(leafCertificateDer), subject: `CN=${host}` },
        { der: fromBase64(intermediateCertificateDer), subject: 'CN=wirescene Test Intermediate CA' },
      ]);
      transcript.push(ee.bytes, cert.bytes);
      const signature = p256.sign(certificateVerifyInput(transcriptHash(...transcript)), p256PrivateKey(fromBase64(leafPrivateKeyPkcs8Der)), { prehash: true, format: 'der' });
      const cv = encodeCertificateVerify(signature);
      transcript.push(cv.bytes);
      const fin = encodeFinished(finishedVerifyData(hs.serverHandshakeTrafficSecret, transcriptHash(...transcript)), 'server');
      transcript.push(fin.bytes);
      const app = applicationSecrets(hs.handshakeSecret, transcriptHash(...transcript));
      keys.clientAp = trafficKeys(app.clientApplicationTrafficSecret);
      keys.serverAp = trafficKeys(app.serverApplicationTrafficSecret);
      log('CLIENT_TRAFFIC_SECRET_0', app.clientApplicationTrafficSecret);
      log('SERVER_TRAFFIC_SECRET_0', app.serverApplicationTrafficSecret);
      log('EXPORTER_SECRET', app.exporterMasterSecret);
      const flight = [ee, cert, cv, fin];
      return sealedWrite('{EE,Cert,CV,Fin}', keys.serverHs, seq.serverHs++, CONTENT_HANDSHAKE, concat(...flight.map((m) => m.bytes)),
        [handshakeLayer(flight, 'EncryptedExtensions, Certificate, CertificateVerify, Finished')], 'server handshake traffic key',
        'Application data record: the server handshake flight, encrypted');
    },

    clientFinished(): TlsWrite {
      // The client's Finished covers the transcript through the server's Finished.
      const fin = encodeFinished(finishedVerifyData(hs.clientHandshakeTrafficSecret, transcriptHash(...transcript)), 'client');
      transcript.push(fin.bytes);
      return sealedWrite('Finished', keys.clientHs, seq.clientHs++, CONTENT_HANDSHAKE, fin.bytes, [handshakeLayer([fin], 'client Finished')], 'client handshake traffic key',
        'Application data record: client Finished, encrypted');
    },

    /** An HTTP message in as many records as it needs (each at most 2^14 bytes of plaintext), in one write. */
    applicationData(from: 'client' | 'server', http: HttpMessage): TlsWrite {
      const k = from === 'client' ? keys.clientAp! : keys.serverAp!;
      const keyName = `${from} application traffic key`;
      const count = Math.max(1, Math.ceil(http.bytes.length / MAX_RECORD_PLAINTEXT));
      if (count === 1) {
        const n = from === 'client' ? seq.clientAp++ : seq.serverAp++;
        return sealedWrite(http.label, k, n, CONTENT_APPLICATION_DATA, http.bytes, [http.layer], keyName, `Application data record: ${http.label}, encrypted`, 'http');
      }
      const records: Uint8Array[] = [];
      const fields = [];
      const decrypted: (Decrypted & { end: number })[] = [];
      let at = 0;
      for (let i = 0; i < count; i++) {
        const start = i * MAX_RECORD_PLAINTEXT;
        const end = Math.min(http.bytes.length, start + MAX_RECORD_PLAINTEXT);
        const content = http.bytes.subarray(start, end);
        const n = from === 'client' ? seq.clientAp++ : seq.serverAp++;
        const record = sealRecord(k, n, CONTENT_APPLICATION_DATA, content);
        const title = `${http.label} (record ${i + 1} of ${count})`;
        fields.push(encryptedRecordField(record, at, title, keyName));
        at += record.length;
        records.push(record);
        decrypted.push({ title, key: keyName, bytes: content, layers: clipLayers([http.layer], start, end, `(bytes ${start}–${end})`), end: at });
      }
      return { label: http.label, topLayer: 'http', data: concat(...records), layers: [tlsLayer(fields, `Application data: ${http.label} in ${count} encrypted records`)], decrypted };
    },

    closeNotify(from: 'client' | 'server'): TlsWrite {
      const k = from === 'client' ? keys.clientAp! : keys.serverAp!;
      const n = from === 'client' ? seq.clientAp++ : seq.serverAp++;
      const alert = Uint8Array.of(1, 0);
      const layer: Layer = {
        name: 'TLS',
        summary: 'Alert: close_notify',
        fields: [
          { name: 'level', value: '1 (warning)', offset: 0, length: 1 },
          { name: 'description', value: '0 (close_notify)', offset: 1, length: 1, note: 'no more data from this side: a truncation attack would lack it' },
        ],
      };
      return sealedWrite('close_notify', k, n, CONTENT_ALERT, alert, [layer], `${from} application traffic key`, 'Application data record: alert, encrypted');
    },

    /** NSS key log lines (SSLKEYLOGFILE format) for Wireshark. */
    keyLog(): string {
      return keyLog.join('\n') + '\n';
    },
  };
}

export type TlsConnection = ReturnType<typeof createTlsConnection>;
