/**
 * Reading TLS off the wire, for our endpoints and for the capture importer.
 *
 * - `RecordReader` (record.ts): one direction of a TCP stream → whole records {type, version,
 *   fragment, offset, length}, whatever the chunking. `parseRecords` for a buffer at once.
 * - `HandshakeReader` (handshake.ts): fragments of handshake records → messages {type, name,
 *   body, raw}; `raw` is what the transcript hashes. Then `parseClientHello`, `parseServerHello`
 *   (HelloRetryRequest detected by its random), `parseEncryptedExtensions`, `parseCertificate`,
 *   `parseCertificateVerify`, `parseFinished`, `parseNewSessionTicket`, and for TLS 1.2
 *   `parseServerKeyExchangeEcdhe`, `parseServerHelloDone`, `parseClientKeyExchange`;
 *   `parseHandshake(message, version)` dispatches on type.
 * - Extensions (extensions.ts) decoded by context: SNI, groups, signature algorithms, ALPN,
 *   supported_versions, key_share, pre_shared_key (with binder length), early_data, cookie, EMS…
 * - `parseAlert` (alert.ts); names of code points (names.ts), GREASE recognised.
 * - Errors are `TlsParseError` with a message naming the field.
 *
 * Key derivation lives beside: keySchedule.ts (TLS 1.3), prf12.ts (TLS 1.2 PRF, master secret,
 * extended master secret, key block, Finished).
 */
export * from './alert';
export * from './cursor';
export * from './extensions';
export * from './handshake';
export * from './names';
export * from './record';
