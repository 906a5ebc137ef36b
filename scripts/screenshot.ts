/**
 * Writes assets/screenshot.png: the built app (dist/) in the pinned Chromium, paused
 * mid-TLS handshake with a packet in the inspector. Run: npm run screenshot (after npm run build).
 */
import { join } from 'node:path';
import { launchChromium } from '../tests/support/browser';
import { serveDir } from '../tests/support/server';

const out = process.argv[2] ?? join('assets', 'screenshot.png');
const hash = process.argv[3] ?? '#scenario=https&t=5.80';
const server = await serveDir('dist');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 1300 }, deviceScaleFactor: 1, colorScheme: 'dark' });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${server.url}/index.html${hash}`);
  await page.waitForFunction(() => (window as { wirescene?: { stats: { framesDrawn: number } } }).wirescene?.stats.framesDrawn);
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
