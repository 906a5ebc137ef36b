// hpack.js ships data tables as CommonJS without types; we read only its tables (the streams need Node polyfills).
declare module 'hpack.js/lib/hpack/static-table.js' {
  export const table: { name: string; value: string }[];
}
declare module 'hpack.js/lib/hpack/huffman.js' {
  /** [bit length, code] per symbol 0–256 (256 is EOS), RFC 7541 Appendix B. */
  export const encode: [number, number][];
}
