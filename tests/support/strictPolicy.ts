import type { Browser, Frame, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { serveDir } from './server';

/**
 * The policy the pages must run under (README: "Strict Content-Security-Policy"). Nothing
 * beyond 'self': no inline script or style, no eval, and every DOM sink that can run script
 * (innerHTML, script.src, …) refused a plain string (Trusted Types).
 */
export const STRICT_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'";

/** The built site served with STRICT_POLICY as a header; every violation is collected (report-uri and the console). */
export async function strictSite(pages: Record<string, string> = {}) {
  const violations: string[] = [];
  const server = await serveDir('dist', {
    headers: { 'Content-Security-Policy': `${STRICT_POLICY}; report-uri /csp-report` },
    pages,
    onReport: (body) => violations.push(`report: ${body}`),
  });
  const browser: Browser = await launchChromium();
  const page: Page = await browser.newPage({ viewport: { width: 1360, height: 1000 }, colorScheme: 'dark', acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Trusted Type|TrustedHTML|TrustedScript/i.test(text)) violations.push(`console: ${text}`);
    else if (m.type() === 'error') errors.push(`console error: ${text}`);
  });
  return {
    server,
    browser,
    page,
    violations,
    errors,
    /** Reports arrive asynchronously: give them a moment before reading `violations`. */
    settle: () => new Promise((r) => setTimeout(r, 500)),
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Waits until the player in this page or frame has drawn its first frame. */
export const firstFrame = (target: Page | Frame) => target.waitForFunction(() => (window as any).wirescene?.stats.framesDrawn > 0, undefined, { timeout: 30_000 });
