import chromium from '@sparticuz/chromium';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { compareGolden } from './tests/support/commands.ts';

// The pinned Chromium from npm (SwiftShader WebGL2, bundled fonts): goldens are made with it.
export default defineConfig(async () => {
  const executablePath = await chromium.executablePath();
  const config: ViteUserConfig = {
    test: {
      projects: [
        {
          // Some unit tests run tshark or a second Node process; on a busy two-core machine that takes seconds.
          test: { name: 'unit', include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
        },
        {
          // Dependencies the tests reach only through src (found by Vite mid-run, they reload the page
          // and fail the file that was running): bundled before the first test instead.
          optimizeDeps: { include: ['@noble/ciphers/chacha.js'] },
          test: {
            name: 'browser',
            include: ['tests/**/*.browser.test.ts'],
            testTimeout: 60_000,
            browser: {
              enabled: true,
              headless: true,
              provider: playwright({ launchOptions: { executablePath, args: chromium.args } }),
              instances: [{ browser: 'chromium' }],
              viewport: { width: 1280, height: 720 },
              commands: { compareGolden },
            },
          },
        },
        {
          test: {
            name: 'e2e',
            include: ['tests/**/*.e2e.test.ts'],
            environment: 'node',
            testTimeout: 120_000,
            hookTimeout: 120_000,
            // A real browser on a loaded two-core machine: a test that stalls once is run once more
            // (each in-page wait is bounded and named, so the first failure still says where).
            retry: 1,
          },
        },
      ],
    },
  };
  return config;
});
