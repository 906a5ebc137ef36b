import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Minified and gzipped size of exactly the crypto the simulator imports (the @noble packages). */
export async function cryptoBundleSize(): Promise<{ minifiedBytes: number; gzipBytes: number }> {
  const result = await build({
    stdin: {
      contents: [
        "export { x25519 } from '@noble/curves/ed25519.js';",
        "export { p256 } from '@noble/curves/nist.js';",
        "export { gcm } from '@noble/ciphers/aes.js';",
        "export { expand, extract } from '@noble/hashes/hkdf.js';",
        "export { hmac } from '@noble/hashes/hmac.js';",
        "export { sha256 } from '@noble/hashes/sha2.js';",
      ].join('\n'),
      resolveDir: process.cwd(),
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'browser',
  });
  const code = result.outputFiles[0].contents;
  return { minifiedBytes: code.length, gzipBytes: gzipSync(code).length };
}

/** The built app's JavaScript (dist/*.js), as shipped and gzipped. */
export function appBundleSize(dir = 'dist'): { files: number; bytes: number; gzipBytes: number } {
  const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  let bytes = 0;
  let gzipBytes = 0;
  for (const f of files) {
    const data = readFileSync(join(dir, f));
    bytes += data.length;
    gzipBytes += gzipSync(data).length;
  }
  return { files: files.length, bytes, gzipBytes };
}

/** The files a built page loads (its <script src> and stylesheets). */
function pageFiles(dir: string, page: string): string[] {
  const html = readFileSync(join(dir, page), 'utf8');
  return [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="?stylesheet"?[^>]*\shref)="?([^"\s>]+)/g)].map((m) => m[1]);
}

/**
 * The article page's own JavaScript and CSS (what article.html loads that index.html does not),
 * gzipped: the issue's budget is 50 kB on top of the player.
 */
export function articleBundleSize(dir = 'dist'): { files: string[]; bytes: number; gzipBytes: number; budgetGzipBytes: number } {
  const app = new Set(pageFiles(dir, 'index.html'));
  const files = pageFiles(dir, 'article.html').filter((f) => !app.has(f));
  let bytes = 0;
  let gzipBytes = 0;
  for (const f of files) {
    const data = readFileSync(join(dir, f));
    bytes += data.length;
    gzipBytes += gzipSync(data).length;
  }
  return { files, bytes, gzipBytes, budgetGzipBytes: 50_000 };
}
