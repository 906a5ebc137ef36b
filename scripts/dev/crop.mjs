import { PNG } from 'pngjs';
import { readFileSync, writeFileSync } from 'node:fs';
const [src, dst, x, y, w, h] = process.argv.slice(2);
const img = PNG.sync.read(readFileSync(src));
const out = new PNG({ width: +w, height: +h });
PNG.bitblt(img, out, +x, +y, +w, +h, 0, 0);
writeFileSync(dst, PNG.sync.write(out));
