// Test vectors from RFC 8448 "Example Handshake Traces for TLS 1.3", section 4 "Resumed 0-RTT
// Handshake" (TLS_AES_128_GCM_SHA256, x25519, PSK from the §3 ticket, 0-RTT data "ABCDEF").
// Hex from the RFC text, whitespace removed, lowercased; "(N octets)" are the RFC's labels.
export const rfc8448Resumed = {
  // §3, {server} construct a NewSessionTicket: ticket_nonce (the PSK is derived with it)
  ticketNonce: '0000',
  // §4, {client} create an ephemeral x25519 key pair: private key (32 octets)
  clientPrivateKey: 'bff91188283846dd6a2134ef7180ca2b0b14fb10dce707b5098c0dddc813b2df',
  // §4, {client} extract secret "early": IKM = PSK (32 octets), secret (32 octets)
  psk: '4ecd0eb6ec3b4d87f5d6028f922ca4c5851a277fd41311c9e62d2c9492e1c4f3',
  earlySecret: '9b2188e9b2fc6d64d71dc329900e20bb41915000f678aa839cbb797cb7d8332c',
  // §4, {client} derive secret "tls13 res binder" (32 octets)
  binderKey: '69fe131a3bbad5d63c64eebcc30e395b9d8107726a13d074e389dbc8a4e47256',
  // §4, {client} calculate PSK binder: hash of the ClientHello prefix (32 octets), finished (32 octets)
  truncatedHelloHash: '63224b2e4573f2d3454ca84b9d009a04f6be9e05711a8396473aefa01e924a14',
  binder: '3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d',
  // §4, {client} construct a ClientHello handshake message: ClientHello (512 octets), binder included
  clientHello:
    '010001fc03031bc3ceb6bbe39cff938355b5a50adb6db21b7a6af649d7b4bc419d7876487d95000006130113031302010001cd0000000b000900000673657276' +
    '6572ff01000100000a00140012001d00170018001901000101010201030104003300260024001d0020e4ffb68ac05f8d96c99da26698346c6be16482badddafe' +
    '051a66b4f18d668f0b002a0000002b0003020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c' +
    '00024001001500570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000' +
    '00000000000000000000000000000000000000000000000000000000000000002900dd00b800b22c035d829359ee5ff7af4ec900000000262a6494dc486d2c8a' +
    '34cb33fa90bf1b0070ad3c498883c9367c09a2be785abc55cd226097a3a982117283f82a03a143efd3ff5dd36d64e861be7fd61d2827db279cce145077d454a3' +
    '664d4e6da4d29ee03725a6a4dafcd0fc67d2aea70529513e3da2677fa5906c5b3f7d8f92f228bda40dda721470f9fbf297b5aea617646fac5c03272e970727c6' +
    '21a79141ef5f7de6505e5bfbc388e93343694093934ae4d357fad6aacb0021203add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d',
  // §4, {client} derive secret "tls13 c e traffic": hash (32 octets), expanded (32 octets)
  clientHelloHash: '08ad0fa05d7c7233b1775ba2ff9f4c5b8b59276b7f227f13a976245f5d960913',
  clientEarlyTrafficSecret: '3fbbe6a60deb66c30a32795aba0eff7eaa10105586e7be5c09678d63b6caab62',
  // §4, {client} derive write traffic keys for early application data
  earlyKey: '920205a5b7bf2115e6fc5c2942834f54',
  earlyIv: '6d475f0993c8e564610db2b9',
  // §4, {client} send application_data record: payload "ABCDEF" (6 octets), complete record (28 octets)
  earlyData: '414243444546',
  earlyDataRecord: '1703030017ab1df420e75c457a7cc5d2844f76d5aee4b4edbf049be0',
  // §4, {server} construct a ServerHello handshake message (96 octets): selected_identity 0
  serverHello: '0200005c03033ccfd2dec890222763472ae8136777c9d7358777bb66e91ea5122495f559ea2d00130100003400290002000000330024001d0020121761ee42c333e1b9e77b60dd57c2053cd94512ab47f115e86eff50942cea31002b00020304',
  // §4, {server} extract secret "handshake": IKM (32 octets), secret (32 octets)
  sharedSecret: 'f44194756ff9ec9d25180635d66ea6824c6ab3bf179977be37f723570e7ccb2e',
  handshakeSecret: '005cb112fd8eb4ccc623bb88a07c64b3ede1605363fc7d0df8c7ce4ff0fb4ae6',
  clientHandshakeTrafficSecret: '2faac08f851d35fea3604fcb4de82dc62c9b164a70974d0462e27f1ab278700f',
  serverHandshakeTrafficSecret: 'fe927ae271312e8bf0275b581c54eef020450dc4ecffaa05a1a35d27518e7803',
  // §4, {server} construct an EncryptedExtensions handshake message (44 octets): early_data last
  encryptedExtensions: '080000280026000a00140012001d00170018001901000101010201030104001c0002400100000000002a0000',
  // §4, {server} construct a Finished handshake message (36 octets)
  serverFinished: '1400002048d3e0e1b3d907c6acff145e16090388c77b05c050b634ab1a88bbd0dd1a34b2',
  // §4, {client} construct an EndOfEarlyData handshake message (4 octets), its record under the early keys (26 octets)
  endOfEarlyData: '05000000',
  endOfEarlyDataRecord: '1703030015aca6fc944841298df99593725f9bf9754429b12f09',
  // §4, {client} construct a Finished handshake message (36 octets): over the transcript with EndOfEarlyData
  clientFinished: '140000207230a9c952c25cd6138fc5e6628308c41c5335dd81b9f96bcea50fd32bda416d',
  // §4, {client} derive secret "tls13 res master" (32 octets)
  resumptionMasterSecret: '5e95bdf1f89005ea2e9aa0ba85e728e3c19c5fe0c699e3f5bee59faebd0b5406',
} as const;
