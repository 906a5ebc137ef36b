/**
 * npm run mutation:scores [report.json …]: folds Stryker's reports (reports/mutation/mutation.json by
 * default, mutation-testing report schema; a later report wins for a file it also holds) into bench/mutation.json, which is committed and read by `npm run bench`, and
 * rewrites the README's table between its <!-- mutation-scores --> markers.
 *
 * Scores are kept per file (with the date of the run that measured it), so runs over one file or
 * folder at a time add up; a folder's score is over the files measured so far, and the folder says
 * how many of its files that is. A file not in this run keeps its last measured counts.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';

const REPORTS = process.argv.slice(2).length ? process.argv.slice(2) : ['reports/mutation/mutation.json'];
const OUT = 'bench/mutation.json';
const README = 'README.md';
const TARGET = 90;
const SIM_TEST_SUPPORT = /^src\/sim\/tls\/(interop\/|testCertificates|.*\.fixture\.ts$)/;
/** Files of declarations or re-exports only (no code, so no mutants; Stryker's report leaves them out): not counted, like timeline/plan.ts. */
const SIM_TYPES_ONLY = ['src/sim/types.ts', 'src/sim/tcp/socketTypes.ts', 'src/sim/tls/parse/index.ts'];

/** The kernels of issue #16, as in stryker.config.json's mutate list. */
const KERNELS: { folder: string; files: string[] }[] = [
  { folder: 'src/controls/hash.ts', files: ['src/controls/hash.ts'] },
  { folder: 'src/export (writers)', files: ['pcapng', 'gifWriter', 'gif', 'mp4Times', 'frameLoop'].map((f) => `src/export/${f}.ts`) },
  // traceBuilder.ts is the tests' trace builder; plan.ts holds only types (no code, no mutants): neither is counted.
  { folder: 'src/timeline', files: sources('src/timeline').filter((f) => f !== 'src/timeline/traceBuilder.ts' && f !== 'src/timeline/plan.ts') },
  { folder: 'src/playback', files: sources('src/playback') },
  // The TLS test harness is not the simulator: the RFC 8448 and curl transcripts (*.fixture.ts), the
  // certificates made by assets/certs/make-certs.sh, and interop/ (OpenSSL and Node peers for the tests).
  { folder: 'src/sim', files: sources('src/sim').filter((f) => !SIM_TEST_SUPPORT.test(f) && !SIM_TYPES_ONLY.includes(f)) },
  // fixtures.ts, testCaptures.ts and tcpEdgeCaptures.ts build the tests' inputs (test helpers, not the importer).
  { folder: 'src/import', files: sources('src/import').filter((f) => !['src/import/fixtures.ts', 'src/import/testCaptures.ts', 'src/import/tcpEdgeCaptures.ts'].includes(f)) },
];

function sources(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return (readdirSync(folder, { recursive: true }) as string[])
    .map((f) => `${folder}/${f}`)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
}

interface Counts {
  mutants: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
}
interface FileScore extends Counts {
  date: string;
  score: number;
}
const score = (c: Counts) => {
  const detected = c.killed + c.timeout;
  const all = detected + c.survived + c.noCoverage;
  return all ? Math.round((1000 * detected) / all) / 10 : 100;
};

const previous = existsSync(OUT) ? (JSON.parse(readFileSync(OUT, 'utf8')) as { files?: Record<string, FileScore>; notes?: Record<string, string> }) : {};
const files: Record<string, FileScore> = { ...(previous.files ?? {}) };
/** A line per folder written by hand (why it is not measured, what changed since): kept as is. */
const notes: Record<string, string> = previous.notes ?? {};

for (const REPORT of REPORTS) {
  if (!existsSync(REPORT)) {
    if (process.argv.length <= 2) continue;
    console.error(`mutation:scores: ${REPORT}: no such file. Give the paths of Stryker's JSON reports (jsonReporter.fileName), e.g. reports/mutation/mutation.json`);
    process.exit(2);
  }
  const date = statSync(REPORT).mtime.toISOString().slice(0, 10);
  const report = JSON.parse(readFileSync(REPORT, 'utf8')) as { files: Record<string, { mutants: { status: string }[] }> };
  for (const [path, file] of Object.entries(report.files)) {
    const relative = path.replace(/^.*?(?=src\/)/, '');
    const c: Counts = { mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 };
    for (const m of file.mutants) {
      const key = ({ Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage', Ignored: 'ignored' } as const)[m.status as 'Killed'];
      if (key) c[key]++;
      if (m.status !== 'Ignored') c.mutants++;
    }
    // A run cut off before the end leaves Pending mutants: not a score, so not recorded.
    if (file.mutants.some((m) => m.status === 'Pending')) continue;
    files[relative] = { date, score: score(c), ...c };
  }
}

const folders: Record<string, unknown> = {};
for (const k of KERNELS) {
  const measured = k.files.filter((f) => files[f]);
  const sum: Counts = { mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0 };
  for (const f of measured) for (const key of Object.keys(sum) as (keyof Counts)[]) sum[key] += files[f][key];
  folders[k.folder] = measured.length
    ? { score: score(sum), ...sum, filesMeasured: measured.length, filesInFolder: k.files.length, notMeasured: k.files.filter((f) => !files[f]), target: TARGET }
    : { score: null, filesMeasured: 0, filesInFolder: k.files.length, note: 'not measured yet', target: TARGET };
}

const sortedFiles = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
const out = {
  tool: 'Stryker 9.4.0, vitest runner, coverageAnalysis perTest, unit tests only (vitest.mutation.config.ts)',
  scoreIs: '(killed + timeout) / (killed + timeout + survived + noCoverage), in %',
  folders,
  notes,
  files: sortedFiles,
};
writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n');

// The README's table: one row per kernel folder, saying plainly what is not measured.
const rows = KERNELS.map((k) => {
  const f = folders[k.folder] as { score: number | null; mutants?: number; killed?: number; timeout?: number; survived?: number; noCoverage?: number; filesMeasured: number; filesInFolder: number };
  const note = notes[k.folder] ? ` ${notes[k.folder]}` : '';
  if (f.score === null) return `| \`${k.folder}\` | not measured yet | | 0 of ${f.filesInFolder} files.${note} |`;
  const dates = [...new Set(k.files.filter((x) => files[x]).map((x) => files[x].date))].sort();
  const scope = f.filesMeasured === f.filesInFolder ? f.filesInFolder === 1 ? "the file" : `all ${f.filesInFolder} files` : `${f.filesMeasured} of ${f.filesInFolder} files measured`;
  return `| \`${k.folder}\` | ${f.score} %${f.score < TARGET ? ' (below 90)' : ''} | ${f.killed} killed + ${f.timeout} timeout / ${f.mutants} (${f.survived} survived, ${f.noCoverage} no coverage) | ${scope}, ${dates.join(', ')}.${note} |`;
});
const table = ['<!-- mutation-scores -->', '| kernel | score | mutants | measured |', '|---|---|---|---|', ...rows, '<!-- /mutation-scores -->'].join('\n');
const readme = readFileSync(README, 'utf8');
writeFileSync(README, readme.replace(/<!-- mutation-scores -->[\s\S]*?<!-- \/mutation-scores -->/, table));
console.log(table);
