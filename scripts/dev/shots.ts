/** Screenshots of several moments: tsx scripts/dev/shots.ts OUTDIR 'hash1' 'hash2' … (one browser per shot). */
import { join } from 'node:path';
import { launchChromium } from '../../tests/support/browser';
import { serveDir } from '../../tests/support/server';

const [outDir, ...hashes] = process.argv.slice(2);
const server = await serveDir('dist');
try {
  for (const [i, hash] of hashes.entries()) {
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1360, height: 1300 }, deviceScaleFactor: 1, colorScheme: 'dark' });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${server.url}/index.html${hash}`);
    await page.waitForFunction(() => (window as { wirescene?: { stats: { framesDrawn: number } } }).wirescene?.stats.framesDrawn, undefined, { timeout: 120_000 });
    await page.waitForTimeout(500);
    const path = join(outDir, `shot-${i}.png`);
    await page.screenshot({ path, fullPage: true });
    console.log(`wrote ${path} for ${hash}`);
    await browser.close();
  }
} finally {
  await server.close();
}
