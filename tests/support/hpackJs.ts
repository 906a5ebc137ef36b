import { createRequire } from 'node:module';

// hpack.js, an independent HPACK implementation (a Node stream), as the oracle of our HPACK tests.
export const hpack = createRequire(import.meta.url)('hpack.js') as {
  compressor: { create(o: { table: { size: number } }): { write(h: unknown): void; read(): Buffer | null } };
  decompressor: { create(o: { table: { size: number } }): { write(b: Buffer): void; execute(cb?: (e?: Error) => void): void; read(): { name: string; value: string } | null } };
};

/** hpack.js's Decompressor's reading of header blocks, block after block on one table (as a peer reads them). */
export function decompressWithHpackJs(blocks: Uint8Array[], size = 4096): [string, string][][] {
  const d = hpack.decompressor.create({ table: { size } });
  return blocks.map((b) => {
    d.write(Buffer.from(b));
    d.execute((e) => {
      if (e) throw e;
    });
    const out: [string, string][] = [];
    for (let h = d.read(); h; h = d.read()) out.push([h.name, h.value]);
    return out;
  });
}
