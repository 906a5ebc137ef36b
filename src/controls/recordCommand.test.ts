import { describe, expect, it } from 'vitest';
import { parseSeconds } from './hash';
import { stillAt } from '../export/exporter';
import { exportFileName, flagGroups, recordCommand } from './recordCommand';

const base = { format: 'webm' as const, width: 1280, height: 720, fps: 30 as const, fromS: 0, toS: 19.2 };

describe('recordCommand', () => {
  it('names every setting the CLI needs, leaving out flags at their default', () => {
    expect(recordCommand({ ...base, overlays: { caption: true, chapter: true, timestamp: true, card: false } }, 'https', 'dark')).toBe(
      'npm run record -- --scenario https --out wirescene-https-1280x720-30fps.webm --size 1280x720 --fps 30 --from 0 --to 19.2',
    );
    expect(recordCommand({ ...base, format: 'gif', overlays: { caption: false, chapter: false, timestamp: false, card: true } }, 'https', 'light')).toBe(
      'npm run record -- --scenario https --out wirescene-https-1280x720-30fps.gif --size 1280x720 --fps 30 --from 0 --to 19.2 --no-captions --no-chapter --no-timestamp --card --theme light',
    );
  });

  it('gives a still its moment with --at, and a name that says which', () => {
    const still = stillAt(5.8, { width: 640, height: 360, fps: 30, overlays: { caption: true, chapter: true, timestamp: true, card: true } });
    expect(exportFileName(still, 'https')).toBe('wirescene-https-640x360-at-5.80s.png');
    expect(recordCommand(still, 'https', 'dark')).toBe('npm run record -- --scenario https --out wirescene-https-640x360-at-5.80s.png --size 640x360 --at 5.8 --card');
  });

  it('writes PNG frames into a folder, not a zip', () => {
    expect(recordCommand({ ...base, format: 'png' }, 'https', 'dark')).toContain('--out wirescene-https-1280x720-30fps --size');
  });

  it('writes the range so that the CLI reads back exactly the same seconds', () => {
    for (const [from, to] of [[61 / 60, 122 / 60], [7.199999999999999, 9.6], [1e-7, 2e-6]]) {
      const flags = recordCommand({ ...base, fromS: from, toS: to }, 'https', 'dark').split(' ');
      expect(parseSeconds(flags[flags.indexOf('--from') + 1])).toBe(from);
      expect(parseSeconds(flags[flags.indexOf('--to') + 1])).toBe(to);
    }
  });

  it('groups each flag with its value, so a line never breaks between them', () => {
    expect(flagGroups('npm run record -- --scenario https --out a.webm --card --theme light')).toEqual(['npm run record --', '--scenario https', '--out a.webm', '--card', '--theme light']);
    expect(flagGroups('npm run record -- --scenario https').join(' ')).toBe('npm run record -- --scenario https');
  });
});
