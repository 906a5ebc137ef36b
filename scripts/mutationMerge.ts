/**
 * npx tsx scripts/mutationMerge.ts base.json rerun.json out.json: folds a re-run over a file's surviving
 * lines (`--mutate 'src/f.ts:12-12,…' --force`, after new tests) into the full run's report. A survivor
 * of the base run that the re-run kills (same mutator, replacement and location) takes the re-run's
 * status; every other mutant keeps its base status (new tests cannot revive a killed mutant). A mutant
 * the base does not hold is added: runs over line ranges of one file (`--mutate 'src/f.ts:1-200'`, then
 * `:201-360`, …) add up to the whole file. The result is a report for `npm run mutation:scores`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  killedBy?: string[];
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}
type Report = { files: Record<string, { mutants: Mutant[] }> };

const [basePath, rerunPath, outPath] = process.argv.slice(2);
if (!basePath || !rerunPath || !outPath || !existsSync(basePath) || !existsSync(rerunPath)) {
  console.error('usage: npx tsx scripts/mutationMerge.ts <full-run.json> <rerun.json> <out.json> (Stryker JSON reports)');
  process.exit(2);
}
const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Report;
const base = read(basePath);
const rerun = read(rerunPath);
const key = (m: Mutant) => `${m.mutatorName}|${m.replacement}|${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}`;
let changed = 0;
for (const [path, file] of Object.entries(rerun.files)) {
  base.files[path] ??= { ...file, mutants: [] };
  const byKey = new Map(base.files[path].mutants.map((m) => [key(m), m]));
  let added = 0;
  for (const m of file.mutants) {
    const old = byKey.get(key(m));
    if (!old) {
      base.files[path].mutants.push(m);
      added++;
      continue;
    }
    if (old?.status === 'Survived' && (m.status === 'Killed' || m.status === 'Timeout')) {
      old.status = m.status;
      old.killedBy = m.killedBy;
      changed++;
    }
  }
  if (added) console.log(`${path}: ${added} mutants added from ${rerunPath}`);
}
writeFileSync(outPath, JSON.stringify(base));
console.log(`${changed} survivors of ${basePath} killed in ${rerunPath}: ${outPath}`);
