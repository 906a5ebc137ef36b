/**
 * npm run mutation:scores: folds Stryker's report (reports/mutation/mutation.json, mutation-testing
 * report schema) into a score per kernel folder and merges it into bench/mutation.json, which is
 * committed and read by `npm run bench`. A folder not in this run keeps its last measured score.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const REPORT = 'reports/mutation/mutation.json';
const OUT = 'bench/mutation.json';
/** The kernels of issue #16, most specific first: a file counts toward the first that matches. */
const KERNELS = ['src/controls/hash.ts', 'src/sim/bytes', 'src/sim', 'src/import', 'src/timeline', 'src/playback', 'src/export'];

interface Mutant {
  status: string;
}
const report = JSON.parse(readFileSync(REPORT, 'utf8')) as { files: Record<string, { mutants: Mutant[] }> };
const previous = existsSync(OUT) ? (JSON.parse(readFileSync(OUT, 'utf8')) as { folders: Record<string, unknown> }) : { folders: {} };

const tally: Record<string, Record<string, number>> = {};
for (const [path, file] of Object.entries(report.files)) {
  const relative = path.replace(/^.*?(?=src\/)/, '');
  const kernel = KERNELS.find((k) => relative === k || relative.startsWith(`${k}/`));
  if (!kernel) continue;
  const t = (tally[kernel] ??= {});
  for (const m of file.mutants) t[m.status] = (t[m.status] ?? 0) + 1;
}

const folders: Record<string, unknown> = { ...previous.folders };
for (const [kernel, t] of Object.entries(tally)) {
  const detected = (t.Killed ?? 0) + (t.Timeout ?? 0);
  const undetected = (t.Survived ?? 0) + (t.NoCoverage ?? 0);
  const score = detected + undetected ? (100 * detected) / (detected + undetected) : 100;
  folders[kernel] = { score: Math.round(score * 10) / 10, killed: t.Killed ?? 0, timeout: t.Timeout ?? 0, survived: t.Survived ?? 0, noCoverage: t.NoCoverage ?? 0, ignored: t.Ignored ?? 0, target: 90 };
}
const out = { tool: 'Stryker 9.4.0, vitest runner, coverageAnalysis perTest, unit tests only (vitest.mutation.config.ts)', folders };
writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');
console.log(JSON.stringify(out, null, 2));
