import { FORMAT_FILES, type ExportSettings } from '../export/exporter';

/** Seconds written so that the CLI reads back exactly the same number (no exponent form). */
const seconds = (s: number): string => (String(s).includes('e') ? s.toFixed(20).replace(/\.?0+$/, '') : String(s));

/** The file name both the page and the CLI command use ("wirescene-https-1280x720-30fps.webm", "wirescene-https-1280x720-at-5.80s.png"). */
export const exportFileName = (s: ExportSettings, scenarioId: string): string =>
  `wirescene-${scenarioId}-${s.width}x${s.height}-${s.format === 'still' ? `at-${s.fromS.toFixed(2)}s` : `${s.fps}fps`}.${FORMAT_FILES[s.format].extension}`;

/**
 * The `npm run record` command that writes the same file as the page's export: same frames,
 * overlays, theme and range, or the same moment for a still (PNG frames go into a folder
 * instead of a zip). Flags at their CLI default are left out. `scenarioFlags` name a scenario
 * file and what-if changes instead of `--scenario ID`.
 */
export function recordCommand(s: ExportSettings, scenarioId: string, theme: 'dark' | 'light', scenarioFlags = ['--scenario', scenarioId]): string {
  const out = s.format === 'png' ? exportFileName(s, scenarioId).replace(/\.zip$/, '') : exportFileName(s, scenarioId);
  const when = s.format === 'still' ? ['--at', seconds(s.fromS)] : ['--fps', String(s.fps), '--from', seconds(s.fromS), '--to', seconds(s.toS)];
  const flags = [...scenarioFlags, '--out', out, '--size', `${s.width}x${s.height}`, ...when];
  const o = s.overlays;
  if (o && !o.caption) flags.push('--no-captions');
  if (o && !o.chapter) flags.push('--no-chapter');
  if (o && !o.timestamp) flags.push('--no-timestamp');
  if (o?.card) flags.push('--card');
  if (theme === 'light') flags.push('--theme', 'light');
  return `npm run record -- ${flags.join(' ')}`;
}

/** A command cut into a flag and its value each ("npm run record --", "--size 1280x720", …), to wrap lines between them. */
export function flagGroups(command: string): string[] {
  const groups: string[] = [];
  for (const word of command.split(' ')) {
    if (groups.length === 0 || (word.startsWith('--') && word !== '--')) groups.push(word);
    else groups[groups.length - 1] += ` ${word}`;
  }
  return groups;
}
