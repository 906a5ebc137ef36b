import { describe, expect, it } from 'vitest';
import { chooseBrowser, type Machine } from './findBrowser';

const machine = (platform: NodeJS.Platform, arch: string, installed: string[], env: Record<string, string> = {}): Machine => ({
  platform,
  arch,
  env,
  executable: (p) => installed.includes(p),
});

describe('the browser the record CLI drives', () => {
  it('is the npm Chromium on Linux x64, unless --browser names another', () => {
    expect(chooseBrowser(machine('linux', 'x64', ['/usr/bin/google-chrome'], { PATH: '/usr/bin' }), undefined)).toEqual({ kind: 'npm', path: '' });
    expect(chooseBrowser(machine('linux', 'x64', ['/opt/edge'], {}), '/opt/edge')).toEqual({ kind: 'flag', path: '/opt/edge' });
  });
  it('is an installed Chrome, Chromium or Edge in the usual places elsewhere', () => {
    expect(chooseBrowser(machine('darwin', 'arm64', ['/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge']), undefined)).toEqual({
      kind: 'installed',
      path: '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    });
    expect(chooseBrowser(machine('darwin', 'arm64', ['/Users/a/Applications/Chromium.app/Contents/MacOS/Chromium'], { HOME: '/Users/a' }), undefined)).toMatchObject({ kind: 'installed' });
    const win = machine('win32', 'x64', ['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'], { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' });
    expect(chooseBrowser(win, undefined)).toEqual({ kind: 'installed', path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe' });
    expect(chooseBrowser(machine('win32', 'x64', ['C:\\Users\\a\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe'], { LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }), undefined)).toMatchObject({ kind: 'installed' });
    expect(chooseBrowser(machine('linux', 'arm64', ['/usr/lib/chromium/x', '/snap/bin/chromium'], { PATH: '/usr/bin' }), undefined)).toEqual({ kind: 'installed', path: '/snap/bin/chromium' });
    expect(chooseBrowser(machine('linux', 'arm64', ['/usr/bin/chromium'], { PATH: '/usr/local/bin:/usr/bin' }), undefined)).toEqual({ kind: 'installed', path: '/usr/bin/chromium' });
  });
  it('says what was tried and how to fix it when there is none', () => {
    const none = chooseBrowser(machine('darwin', 'arm64', []), undefined);
    expect(none.kind).toBe('none');
    expect('problem' in none && none.problem).toMatch(/runs on Linux x64 only \(this is darwin arm64\).*\/Applications\/Google Chrome\.app.*Install Google Chrome, Chromium or Microsoft Edge, or give one with --browser PATH/);
    expect(chooseBrowser(machine('linux', 'x64', []), '/nope')).toEqual({ kind: 'none', problem: '--browser /nope is not an executable file' });
  });
});
