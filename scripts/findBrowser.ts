/**
 * Which Chromium the record CLI drives. The npm one (@sparticuz/chromium: SwiftShader WebGL,
 * its own fonts; the one the goldens and byte-identical outputs are made with) ships a Linux
 * x64 binary only; elsewhere an installed Chrome, Chromium or Edge from the usual places, or
 * the one given with --browser.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type BrowserChoice = { kind: 'npm' | 'installed' | 'flag'; path: string } | { kind: 'none'; problem: string };

export interface Machine {
  platform: NodeJS.Platform;
  arch: string;
  env: Record<string, string | undefined>;
  /** An executable file at this path? */
  executable: (path: string) => boolean;
}

export const thisMachine = (): Machine => ({
  platform: process.platform,
  arch: process.arch,
  env: process.env,
  executable: (path) => {
    try {
      if (!statSync(path).isFile()) return false;
      accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
});

/** Where Chrome, Chromium and Edge install themselves, in the order tried. */
export function browserCandidates(m: Machine): string[] {
  if (m.platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
    ];
    return [...apps.map((a) => `/Applications/${a}`), ...(m.env.HOME ? apps.map((a) => `${m.env.HOME}/Applications/${a}`) : [])];
  }
  if (m.platform === 'win32') {
    const roots = [m.env.PROGRAMFILES, m.env['PROGRAMFILES(X86)'], m.env.LOCALAPPDATA].filter((r): r is string => !!r);
    const exes = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return exes.flatMap((e) => roots.map((r) => `${r}\\${e}`));
  }
  // Linux and the BSDs: the names distributions and vendors give it, on PATH, then the snap.
  const names = ['google-chrome', 'google-chrome-stable', 'chromium', 'chromium-browser', 'microsoft-edge', 'microsoft-edge-stable'];
  const dirs = (m.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(delimiter).filter(Boolean);
  return [...names.flatMap((n) => dirs.map((d) => join(d, n))), '/snap/bin/chromium'];
}

/** Runs the npm Chromium here? (Its package carries a Linux x64 binary and nothing else.) */
export const npmChromiumRuns = (m: Machine): boolean => m.platform === 'linux' && m.arch === 'x64';

/**
 * The browser to use: --browser PATH when given (it must be an executable file), else the npm
 * Chromium where it runs, else the first installed one found. `none` says what was tried and
 * how to fix it.
 */
export function chooseBrowser(m: Machine, flag: string | undefined): BrowserChoice {
  if (flag !== undefined) {
    return m.executable(flag) ? { kind: 'flag', path: flag } : { kind: 'none', problem: `--browser ${flag} is not an executable file` };
  }
  if (npmChromiumRuns(m)) return { kind: 'npm', path: '' };
  const tried = browserCandidates(m);
  const found = tried.find((p) => m.executable(p));
  if (found) return { kind: 'installed', path: found };
  return {
    kind: 'none',
    problem: `no browser to record with: the npm Chromium runs on Linux x64 only (this is ${m.platform} ${m.arch}), and no Chrome, Chromium or Edge is installed in the usual places (looked for ${tried.length} paths, such as ${tried[0]}). Install Google Chrome, Chromium or Microsoft Edge, or give one with --browser PATH`,
  };
}
