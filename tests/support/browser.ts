import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser } from 'playwright-core';

export interface LaunchOptions {
  /**
   * Give Chromium's software video encoders one thread each (Linux, needs `taskset`).
   * Chromium counts the CPUs it may use once, at start-up, and sizes OpenH264's thread pool
   * from that count; a multi-threaded OpenH264 writes different bytes every run at 1280×720
   * and above. So the browser starts on one CPU, and once it is up every CPU is allowed
   * again: the encoder stays single-threaded, rendering keeps all the cores.
   */
  singleThreadEncoders?: boolean;
  /** Another Chromium (an installed Chrome or Edge) instead of the npm one; it gets no SwiftShader flags. */
  executablePath?: string;
}

/** The pinned Chromium from npm, with SwiftShader WebGL and its own fonts. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = options.executablePath ?? (await chromium.executablePath());
  const args = options.executablePath ? [] : chromium.args;
  if (!options.singleThreadEncoders) return playwright.launch({ executablePath, args, headless: true });

  const allowed = allowedCpus();
  const dir = mkdtempSync(join(tmpdir(), 'wirescene-chromium-'));
  try {
    const wrapper = join(dir, 'chromium');
    const pidFile = join(dir, 'pid');
    const quoted = `'${executablePath.replaceAll("'", `'\\''`)}'`;
    // exec keeps the shell's pid, so $$ is Chromium's.
    writeFileSync(wrapper, `#!/bin/sh\necho $$ > '${pidFile}'\nexec taskset -c ${allowed.split(/[,-]/)[0]} ${quoted} "$@"\n`);
    chmodSync(wrapper, 0o755);
    taskset('-V');
    const browser = await playwright.launch({ executablePath: wrapper, args, headless: true });
    taskset('-a', '-p', '-c', allowed, readFileSync(pidFile, 'utf8').trim());
    return browser;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The CPUs this process may run on, as taskset writes them ("0-3", "2,5-7"). */
function allowedCpus(): string {
  let status = '';
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    // not Linux
  }
  const list = /^Cpus_allowed_list:\s*([\d,-]+)/m.exec(status);
  if (!list) throw new Error('single-threaded encoders need Linux (/proc/self/status lists no allowed CPUs)');
  return list[1];
}

function taskset(...args: string[]): void {
  try {
    execFileSync('taskset', args, { stdio: 'ignore' });
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(missing ? 'single-threaded encoders need `taskset` (Debian: util-linux), which is not installed' : `taskset ${args.join(' ')} failed: ${(e as Error).message}`);
  }
}
