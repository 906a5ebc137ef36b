// Certificates made with OpenSSL 3.0.19 (`openssl ca`, the CA being the test leaf for example.com and
// its key from testCertificates.ts, which is no CA), for the X.509 checks' edges. Each with a fresh
// P-256 key, subject CN=*.example.com, subjectAltName DNS:*.example.com, basicConstraints CA:FALSE.

/** ecdsa-with-SHA256; valid 1990-01-01 (UTCTime 900101000000Z) to 2055-01-01 (GeneralizedTime 20550101000000Z). */
export const wildcardByLeafDer = 'MIIBijCCATCgAwIBAgICEAEwCgYIKoZIzj0EAwIwFjEUMBIGA1UEAwwLZXhhbXBsZS5jb20wIBcNOTAwMTAxMDAwMDAwWhgPMjA1NTAxMDEwMDAwMDBaMBgxFjAUBgNVBAMMDSouZXhhbXBsZS5jb20wWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQ62F2KRZ+EKk16OlRfiXiSt6Iryu+jv2OLx4TuxZ4+/V6BNeQC7mXVF/yl+bMYrnoGWpwjFh09LUSF3UwA2R3io2owaDAMBgNVHRMBAf8EAjAAMBgGA1UdEQQRMA+CDSouZXhhbXBsZS5jb20wHQYDVR0OBBYEFJOBYXA65nTCPGJuMBN4yADUV/aAMB8GA1UdIwQYMBaAFOeMJQ4FwGi09gzAko7xOVYkQLbQMAoGCCqGSM49BAMCA0gAMEUCIQDn9XfCjYL+g8Mdv1/svIIoy7ML8IBRr6nBMwVs5dsHKwIgdpXAsXELg+5jOaAUPmtyRA6qllj+cLelyZGh47lEz4w=';

/** ecdsa-with-SHA384; valid 2025-12-01 to 2035-11-29. */
export const sha384ByLeafDer = 'MIIBiTCCAS6gAwIBAgICEAIwCgYIKoZIzj0EAwMwFjEUMBIGA1UEAwwLZXhhbXBsZS5jb20wHhcNMjUxMjAxMDAwMDAwWhcNMzUxMTI5MDAwMDAwWjAYMRYwFAYDVQQDDA0qLmV4YW1wbGUuY29tMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEOthdikWfhCpNejpUX4l4kreiK8rvo79ji8eE7sWePv1egTXkAu5l1Rf8pfmzGK56BlqcIxYdPS1Ehd1MANkd4qNqMGgwDAYDVR0TAQH/BAIwADAYBgNVHREEETAPgg0qLmV4YW1wbGUuY29tMB0GA1UdDgQWBBSTgWFwOuZ0wjxibjATeMgA1Ff2gDAfBgNVHSMEGDAWgBTnjCUOBcBotPYMwJKO8TlWJEC20DAKBggqhkjOPQQDAwNJADBGAiEApLXmE2QoBGnkkVC5icEczaqYB1mav0dwZ/EBJJHmDLYCIQDoRYxASDJXbt+GiI9K+EgbK5Be5s6GIYKV7QcxOkGnZw==';

/**
 * A version 1 certificate (no extensions at all, so no basicConstraints: no CA), subject
 * CN=v1.example.com, O=wirescene (the common name first), issued by the test leaf with
 * `openssl x509 -req -days 3650` on 2026-11-26 20:33:02 UTC (notBefore, Unix 1795725182).
 */
export const v1ByLeafDer = 'MIIBKzCB0gICEAEwCgYIKoZIzj0EAwIwFjEUMBIGA1UEAwwLZXhhbXBsZS5jb20wHhcNMjYxMTI2MjAzMzAyWhcNMzYxMTIzMjAzMzAyWjAtMRcwFQYDVQQDDA52MS5leGFtcGxlLmNvbTESMBAGA1UECgwJd2lyZXNjZW5lMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEOthdikWfhCpNejpUX4l4kreiK8rvo79ji8eE7sWePv1egTXkAu5l1Rf8pfmzGK56BlqcIxYdPS1Ehd1MANkd4jAKBggqhkjOPQQDAgNIADBFAiBSIlKKGuEr3oZV5qssEK9EGzG+d0F1HP/bmICizmy+WwIhAJOWDLFbzWO3ai4GKAXA0vprQu7ggW17evtcoLt3lOAC';

/** Version 1, CN=w.example.com, issued by v1ByLeafDer's key the same way: `openssl verify` on [w, v1, leaf, intermediate] says "error 79 at 1 depth lookup: invalid CA certificate" (CN = v1.example.com). */
export const wByV1Der = 'MIIBLTCB1AICEAIwCgYIKoZIzj0EAwIwLTEXMBUGA1UEAwwOdjEuZXhhbXBsZS5jb20xEjAQBgNVBAoMCXdpcmVzY2VuZTAeFw0yNjExMjYyMDMzMTFaFw0zNjExMjMyMDMzMTFaMBgxFjAUBgNVBAMMDXcuZXhhbXBsZS5jb20wWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQ62F2KRZ+EKk16OlRfiXiSt6Iryu+jv2OLx4TuxZ4+/V6BNeQC7mXVF/yl+bMYrnoGWpwjFh09LUSF3UwA2R3iMAoGCCqGSM49BAMCA0gAMEUCIQC1pzifZMrxlWFgn9qU9/9tAyevwgdZVhRVFTRC0XzHmwIgKjmRama2V2/2G9wxAU3wygnC9qiFsfKwCEcyJfOhaOA=';

/**
 * No common name (subject O=wirescene), subjectAltName IP:127.0.0.1, DNS:ip.example.com and
 * email:a@example.com, valid 1950-01-01 (UTCTime 500101000000Z) to 2049-12-31 23:59:59 (UTCTime
 * 491231235959Z); issued by the test leaf with `openssl ca` as above.
 */
export const noCommonNameByLeafDer = 'MIIBmjCCAUGgAwIBAgICEAMwCgYIKoZIzj0EAwIwFjEUMBIGA1UEAwwLZXhhbXBsZS5jb20wHhcNNTAwMTAxMDAwMDAwWhcNNDkxMjMxMjM1OTU5WjAUMRIwEAYDVQQKDAl3aXJlc2NlbmUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQ62F2KRZ+EKk16OlRfiXiSt6Iryu+jv2OLx4TuxZ4+/V6BNeQC7mXVF/yl+bMYrnoGWpwjFh09LUSF3UwA2R3io4GAMH4wDAYDVR0TAQH/BAIwADAuBgNVHREEJzAlhwR/AAABgg5pcC5leGFtcGxlLmNvbYENYUBleGFtcGxlLmNvbTAdBgNVHQ4EFgQUk4FhcDrmdMI8Ym4wE3jIANRX9oAwHwYDVR0jBBgwFoAU54wlDgXAaLT2DMCSjvE5ViRAttAwCgYIKoZIzj0EAwIDRwAwRAIgRg0GFsLyhbgi7LSNy4NjTkzb2qjbUAjVBk2olzZc55ICIBDRqRBvufiXMcdJWLdPKP418b5Hu3lCZlJCoD66imUr';
