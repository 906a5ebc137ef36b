// Test vectors from RFC 8448 "Example Handshake Traces for TLS 1.3", section 3 "Simple 1-RTT Handshake"
// (TLS_AES_128_GCM_SHA256, x25519, rsa_pss_rsae_sha256). Hex copied byte-for-byte from the RFC text,
// whitespace removed, lowercased. Byte lengths in the comments are the RFC's "(N octets)" labels.
export const rfc8448 = {
  // RFC 8448 §3, {client} create an ephemeral x25519 key pair
  clientPrivateKey: '49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005', // private key (32 octets)
  clientPublicKey: '99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c', // public key (32 octets)

  // RFC 8448 §3, {server} create an ephemeral x25519 key pair
  serverPrivateKey: 'b1580eeadf6dd589b8ef4f2d5652578cc810e9980191ec8d058308cea216a21e', // private key (32 octets)
  serverPublicKey: 'c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f', // public key (32 octets)

  // RFC 8448 §3, {client} construct a ClientHello handshake message
  clientHello: '010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7000006130113031302010000910000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c002b0003020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c00024001', // ClientHello (196 octets)

  // RFC 8448 §3, {server} construct a ServerHello handshake message
  serverHello: '020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e00330024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304', // ServerHello (90 octets)

  // RFC 8448 §3, {server} extract secret "handshake": IKM = x25519 ECDH output
  sharedSecret: '8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d', // IKM (32 octets)

  // RFC 8448 §3, {server} extract secret "early" (salt 0, IKM 32 zero octets)
  earlySecret: '33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a', // secret (32 octets)

  // RFC 8448 §3, {server} derive secret for handshake "tls13 derived"
  derivedForHandshake: '6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba', // expanded (32 octets)

  // RFC 8448 §3, {server} extract secret "handshake"
  handshakeSecret: '1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac', // secret (32 octets)

  // RFC 8448 §3, {server} derive secret "tls13 c hs traffic" / "tls13 s hs traffic"
  clientHandshakeTrafficSecret: 'b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21', // expanded (32 octets)
  serverHandshakeTrafficSecret: 'b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38', // expanded (32 octets)

  // RFC 8448 §3, {server} derive secret for master "tls13 derived"
  derivedForMaster: '43de77e0c77713859a944db9db2590b53190a65b3ee2e4f12dd7a0bb7ce254b4', // expanded (32 octets)

  // RFC 8448 §3, {server} extract secret "master"
  masterSecret: '18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919', // secret (32 octets)

  // RFC 8448 §3, {server} derive write traffic keys for handshake data
  serverHandshakeKey: '3fce516009c21727d0f2e4e86ee403bc', // key expanded (16 octets)
  serverHandshakeIv: '5d313eb2671276ee13000b30', // iv expanded (12 octets)

  // RFC 8448 §3, {server} derive read traffic keys for handshake data (= client handshake write keys)
  clientHandshakeKey: 'dbfaa693d1762c5b666af5d950258d01', // key expanded (16 octets)
  clientHandshakeIv: '5bd3c71b836e0b76bb73265f', // iv expanded (12 octets)

  // RFC 8448 §3, {server} construct an EncryptedExtensions / Certificate / CertificateVerify handshake message
  encryptedExtensions: '080000240022000a00140012001d00170018001901000101010201030104001c0002400100000000', // EncryptedExtensions (40 octets)
  certificate: '0b0001b9000001b50001b0308201ac30820115a003020102020102300d06092a864886f70d01010b0500300e310c300a06035504031303727361301e170d3136303733303031323335395a170d3236303733303031323335395a300e310c300a0603550403130372736130819f300d06092a864886f70d010101050003818d0030818902818100b4bb498f8279303d980836399b36c6988c0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a8002c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d1304023000300b0603551d0f0404030205a0300d06092a864886f70d01010b05000381810085aad2a0e5b9276b908c65f73a7267170618a54c5f8a7b337d2df7a594365417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd335e5e67f2dbf102702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2bd5203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b42b4de10000', // Certificate (445 octets)
  certificateVerify: '0f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f824cd484145ab3ff52f1fda8477b0b7abc90db78e2d33a5c141a078653fa6bef780c5ea248eeaaa785c4f394cab6d30bbe8d4859ee511f602957b15411ac027671459e46445c9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda65cdf5aea20d53dfacd42f74f3', // CertificateVerify (136 octets)

  // RFC 8448 §3, {server} calculate finished "tls13 finished" / construct a Finished handshake message
  serverFinishedKey: '008d3b66f816ea559f96b537e885c31fc068bf492c652f01f288a1d8cdc19fc8', // expanded (32 octets)
  serverFinished: '140000209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718', // Finished (36 octets)

  // RFC 8448 §3, {server} derive secret "tls13 c ap traffic" / "tls13 s ap traffic" / "tls13 exp master"
  clientApplicationTrafficSecret: '9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5', // expanded (32 octets)
  serverApplicationTrafficSecret: 'a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643', // expanded (32 octets)
  exporterMasterSecret: 'fe22f881176eda18eb8f44529e6792c50c9a3f89452f68d8ae311b4309d3cf50', // expanded (32 octets)

  // RFC 8448 §3, {server} derive write traffic keys for application data
  serverApplicationKey: '9f02283b6c9c07efc26bb9f2ac92e356', // key expanded (16 octets)
  serverApplicationIv: 'cf782b88dd83549aadf1e984', // iv expanded (12 octets)

  // RFC 8448 §3, {client} calculate finished "tls13 finished" / construct a Finished handshake message
  clientFinishedKey: 'b80ad01015fb2f0bd65ff7d4da5d6bf83f84821d1f87fdc7d3c75b5a7b42d9c4', // expanded (32 octets)
  clientFinished: '14000020a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61', // Finished (36 octets)

  // RFC 8448 §3, {client} derive write traffic keys for application data
  clientApplicationKey: '17422dda596ed5d9acd890e3c63f5051', // key expanded (16 octets)
  clientApplicationIv: '5b78923dee08579033e523d9', // iv expanded (12 octets)

  // RFC 8448 §3, {client} derive secret "tls13 res master"
  resumptionMasterSecret: '7df235f2031d2a051287d02b0241b0bfdaf86cc856231f2d5aba46c434ec196c', // expanded (32 octets)

  // RFC 8448 §3, {server} send handshake record: complete record (95 octets), the ServerHello in plaintext
  serverHelloRecord: '160303005a020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e00330024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304', // complete record (95 octets)

  // RFC 8448 §3, {server} send handshake record: complete record (679 octets), EE..Finished under the server handshake key
  serverEncryptedRecord: '17030302a2d1ff334a56f5bff6594a07cc87b580233f500f45e489e7f33af35edf7869fcf40aa40aa2b8ea73f848a7ca07612ef9f945cb960b4068905123ea78b111b429ba9191cd05d2a389280f526134aadc7fc78c4b729df828b5ecf7b13bd9aefb0e57f271585b8ea9bb355c7c79020716cfb9b1183ef3ab20e37d57a6b9d7477609aee6e122a4cf51427325250c7d0e509289444c9b3a648f1d71035d2ed65b0e3cdd0cbae8bf2d0b227812cbb360987255cc744110c453baa4fcd610928d809810e4b7ed1a8fd991f06aa6248204797e36a6a73b70a2559c09ead686945ba246ab66e5edd8044b4c6de3fcf2a89441ac66272fd8fb330ef8190579b3684596c960bd596eea520a56a8d650f563aad27409960dca63d3e688611ea5e22f4415cf9538d51a200c27034272968a264ed6540c84838d89f72c24461aad6d26f59ecaba9acbbb317b66d902f4f292a36ac1b639c637ce343117b659622245317b49eeda0c6258f100d7d961ffb138647e92ea330faeea6dfa31c7a84dc3bd7e1b7a6c7178af36879018e3f252107f243d243dc7339d5684c8b0378bf30244da8c87c843f5e56eb4c5e8280a2b48052cf93b16499a66db7cca71e4599426f7d461e66f99882bd89fc50800becca62d6c74116dbd2972fda1fa80f85df881edbe5a37668936b335583b599186dc5c6918a396fa48a181d6b6fa4f9d62d513afbb992f2b992f67f8afe67f76913fa388cb5630c8ca01e0c65d11c66a1e2ac4c85977b7c7a6999bbf10dc35ae69f5515614636c0b9b68c19ed2e31c0b3b66763038ebba42f3b38edc0399f3a9f23faa63978c317fc9fa66a73f60f0504de93b5b845e275592c12335ee340bbc4fddd502784016e4b3be7ef04dda49f4b440a30cb5d2af939828fd4ae3794e44f94df5a631ede42c1719bfdabf0253fe5175be898e750edc53370d2b', // complete record (679 octets)
} as const;
