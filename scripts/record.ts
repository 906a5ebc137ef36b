/**
 * npm run record -- --scenario https --out handshake.webm [--size 1280x720] [--fps 30] [--from 0 --to 6.5]
 * Records the animation headlessly in the pinned Chromium: WebM (VP9), MP4 (H.264), an
 * animated GIF, or PNG frames into a directory. Builds the site first when dist/ is missing
 * or older than its sources.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fail as failWith, parseFlags, readFlagText, scenarioFlags, scenarioFlagsHelp, scenarioFromFlags } from './cli';
import { chooseBrowser, thisMachine } from './findBrowser';
import { formatVariant } from '../src/controls/hash';
import { staleBuild } from './staleBuild';
import { parseClock } from '../src/timeline/format';
import { nearestFrame } from '../src/timeline/eventsUpTo';
import { unzipSync } from 'fflate';
import { scenarioIds } from '../src/sim/scenarios';
import { buildModel, modelFromSim } from '../src/playback/model';
import { captureScenario, streamListName } from '../src/app/captureFiles';
import { importFromFlags } from './importCapture';
import { parseTimeScale, TIME_SCALES, timeScaleName, type TimeScale } from '../src/timeline/timeScale';
import { modelOfSource, traceFromText } from '../src/element/source';
import { WireSceneError } from '../src/element/mediaError';
import { traceFromJson } from '../src/import/traceFile';
import { EXPORT_SIZE, exportFrameCount, isExportDimension, stillAt, type ExportSettings } from '../src/export/exporter';
import { formatDuration } from '../src/export/progress';
import { launchChromium } from '../tests/support/browser';
import { serveDir } from '../tests/support/server';

const help = `Usage: npm run record -- --out FILE.webm|FILE.mp4|FILE.gif|FILE.png|DIR [options]

  --out PATH        FILE.webm (VP9), FILE.mp4 (H.264), FILE.gif (animated GIF), FILE.png (one
                    moment, see --at), or a directory for PNG frames (a name without an
                    extension, or ending in /); any other extension is refused
  --scenario ID     ${scenarioIds().join(' | ')} (default: https)
${scenarioFlagsHelp}
  --capture FILE    a conversation of a real capture (.pcap, .pcapng, .cap), opened in the page as
                    "open capture…" does; with --keylog FILE (NSS key log) and --stream N (tshark's
                    tcp.stream, or "udp N"; several with commas, such as 0,1,udp 0, are shown
                    together; default: the first TCP connection)
  --trace FILE.json a trace file made by npm run import (its conversations, as the capture
                    showed them), opened in the page as "open scenario file…" does
  --time SCALE      for --capture and --trace: fit (default: 1 RTT ≈ 2 s, idle gaps skipped, a long capture
                    fast-forwarded to about 10 min), or 1, 10, 100, 1000: real time × k
  --size WxH        frame size in pixels (default 1280x720; even numbers, ${EXPORT_SIZE.min} to ${EXPORT_SIZE.max}); the shape
                    picks the layout: landscape up to 4:3, square (1080x1080), portrait (720x1280)
  --fps N           24, 30 or 60 (default 30)
  --from T --to T   the range of presentation time (default: the whole scenario); T is seconds
                    (5.8) or the clock the page shows (0:05.80)
  --at T            for a .png: the moment (default 0), as #t= shows it in the page
  --theme NAME      dark (default) or light
  --[no-]captions   the line saying what the latest packet is for (default: on)
  --[no-]chapter    the chapter title and time-scale note (default: on)
  --[no-]timestamp  the network clock (default: on)
  --[no-]card       a compact inspector card for the latest packet (default: off)
  --browser PATH    record with this Chrome, Chromium or Edge (default: the npm Chromium on
                    Linux x64, else one installed in the usual places)
  --verbose         on a failure, print the stack trace too
  --help            this text

Exit status: 0 written, 2 a usage error (bad flag or file), 1 a failure; nothing is left
at --out unless it was written whole.

The page's export and this CLI share one frame loop, and with the npm Chromium the same
command writes the same bytes every run, in every format (another browser draws and encodes
with its own WebGL and encoders: the same frames and timing, not the same bytes). (For MP4 the browser's H.264 encoder runs on one thread:
with several, its output differs from run to run at 1280×720 and above.)`;

/** MP4 needs a single-threaded H.264 encoder for its bytes to repeat; if that cannot be had, warn and go on. */
async function launchForFormat(f: ExportSettings['format'], executablePath: string | undefined) {
  if (f !== 'mp4') return launchChromium({ executablePath });
  try {
    return await launchChromium({ singleThreadEncoders: true, executablePath });
  } catch (e) {
    console.error(`record: ${(e as Error).message}. The MP4's frames and timing are exact, but at 1280×720 and above its bytes may differ from run to run.`);
    return launchChromium({ executablePath });
  }
}

function fail(message: string): never {
  return failWith('record', message);
}

/** --trace FILE: read and checked here as the page will read it (element/source.ts), so a bad file is exit 2 before a browser starts. */
function traceFromFlag(path: string, time: TimeScale) {
  const text = readFlagText('record', 'trace', path);
  const name = basename(path);
  const read = traceFromText(name, text);
  if (read === undefined) {
    const why = traceFromJson(text);
    fail(`${path}: ${why.ok ? 'not a trace file' : why.error}`);
  }
  if (read instanceof WireSceneError) fail(read.message);
  const model = modelOfSource(name, read, time);
  if (model instanceof WireSceneError) fail(model.message);
  return { name, text, source: read, model };
}

const values = parseFlags(
  'record',
  {
    out: { type: 'string' },
    ...scenarioFlags,
    size: { type: 'string', default: '1280x720' },
    fps: { type: 'string', default: '30' },
    from: { type: 'string' },
    to: { type: 'string' },
    theme: { type: 'string', default: 'dark' },
    captions: { type: 'boolean' },
    'no-captions': { type: 'boolean' },
    chapter: { type: 'boolean' },
    'no-chapter': { type: 'boolean' },
    timestamp: { type: 'boolean' },
    'no-timestamp': { type: 'boolean' },
    card: { type: 'boolean' },
    'no-card': { type: 'boolean' },
    at: { type: 'string' },
    browser: { type: 'string' },
    verbose: { type: 'boolean' },
    capture: { type: 'string' },
    trace: { type: 'string' },
    keylog: { type: 'string' },
    stream: { type: 'string' },
    time: { type: 'string' },
  },
  help,
);
const out = values.out as string | undefined;
if (!out) fail('--out is required: a file such as handshake.webm, or a directory for PNG frames');
const capturePath = values.capture as string | undefined;
const tracePath = values.trace as string | undefined;
if ((values.keylog !== undefined || values.stream !== undefined) && capturePath === undefined) fail(`--keylog and --stream go with --capture${tracePath !== undefined ? ' (a trace file holds the conversations npm run import picked, decrypted)' : ''}`);
const picks = [values.scenario !== undefined || values['scenario-file'] !== undefined, capturePath !== undefined, tracePath !== undefined].filter(Boolean).length;
if (picks > 1) fail('--scenario/--scenario-file, --capture and --trace each pick what to record: give one of them');
const recorded = capturePath !== undefined ? '--capture' : tracePath !== undefined ? '--trace' : undefined;
const whatIfFlag = Object.keys(scenarioFlags).find((k) => k !== 'scenario' && k !== 'scenario-file' && values[k] !== undefined);
if (recorded && whatIfFlag) fail(`--${whatIfFlag} changes a simulated scenario; a ${recorded} is played as recorded`);
const time = values.time === undefined ? 'fit' : parseTimeScale(values.time as string);
if (time === undefined) fail(`bad --time "${values.time}": expected ${TIME_SCALES.map(timeScaleName).join(', ')} (fit, or real time × that many)`);
if (values.time !== undefined && !recorded) fail('--time goes with --capture or --trace (a simulated scenario is timed by its round trip)');
const imported = capturePath === undefined ? undefined : importFromFlags('record', capturePath, values.keylog as string | undefined, values.stream as string | undefined);
const traced = tracePath === undefined ? undefined : traceFromFlag(tracePath, time!);
const source = imported || traced ? undefined : scenarioFromFlags('record', values);
// A capture's title names the file as the page does (only its name reaches the page).
const scenario = imported ? captureScenario(basename(capturePath!), imported.conversations, values.keylog ? basename(values.keylog as string) : undefined) : traced ? traced.source.scenario : source!.scenario;
const size = /^(\d{2,4})x(\d{2,4})$/.exec(values.size as string);
const [width, height] = size ? [Number(size[1]), Number(size[2])] : [0, 0];
if (!size || !isExportDimension(width) || !isExportDimension(height)) {
  fail(`bad --size "${values.size}": expected WIDTHxHEIGHT with even numbers from ${EXPORT_SIZE.min} to ${EXPORT_SIZE.max}, such as 1280x720`);
}
const fps = Number(values.fps);
if (![24, 30, 60].includes(fps)) fail(`bad --fps "${values.fps}": expected 24, 30 or 60`);
if (values.theme !== 'dark' && values.theme !== 'light') fail(`bad --theme "${values.theme}": expected dark or light`);
const { plan } = imported ? modelFromSim(scenario, imported.sim, time) : traced ? traced.model : buildModel(scenario);
const duration = plan.durationS;
const pastTheEnd = `is past the end of "${scenario.id}" (${duration.toFixed(2)} s)`;
const seconds = (name: string, fallback: number) => {
  const raw = values[name] as string | undefined;
  if (raw === undefined) return fallback;
  const value = parseClock(raw);
  if (!Number.isFinite(value)) fail(`bad --${name} "${raw}": expected seconds such as 2.5 or the page's clock such as 0:02.50`);
  return value;
};
const formats: Record<string, ExportSettings['format']> = { '.webm': 'webm', '.mp4': 'mp4', '.gif': 'gif', '.png': 'still' };
// A folder of PNG frames is a name without an extension, one ending in a slash, or a folder that exists.
const ext = /[/\\]$/.test(out) ? '' : extname(out).toLowerCase();
const isFolder = ext === '' || (existsSync(out) && statSync(out).isDirectory());
if (!isFolder && !formats[ext]) fail(`${ext} is not a format this writes: use .webm, .mp4, .gif, .png (one moment), or a directory for PNG frames (a name without an extension, or ending in /)`);
const format: ExportSettings['format'] = isFolder ? 'png' : formats[ext];
if (!isFolder && existsSync(out) && statSync(out).isDirectory()) fail(`--out ${out} is a folder: give a file name, such as ${join(out, `handshake${ext}`)}`);

/** A still's moment: the page's frame nearest --at, as a #t= link shows it. */
function stillMoment(): number {
  if (values.from !== undefined || values.to !== undefined) fail('a .png is one moment: give it with --at (such as --at 5.8), not --from/--to');
  const atS = nearestFrame(seconds('at', 0), plan.fps) / plan.fps;
  if (atS > duration + 1e-9) fail(`--at ${atS} ${pastTheEnd}`);
  return atS;
}

/** A video's range: --from and --to, the whole scenario by default. */
function videoRange(): { fromS: number; toS: number } {
  if (values.at !== undefined) fail('--at is the moment of a .png still; for a video give the range with --from and --to');
  const fromS = seconds('from', 0);
  const toS = seconds('to', duration);
  if (toS > duration + 1e-9) fail(`--to ${toS} ${pastTheEnd}`);
  if (fromS >= toS) fail(`--from ${fromS} must be before --to ${toS}`);
  return { fromS, toS };
}

// Every flag is checked before anything is built or written.
const flag = (name: string, fallback: boolean) => {
  if (values[name] && values[`no-${name}`]) fail(`--${name} and --no-${name} contradict each other`);
  return values[`no-${name}`] ? false : values[name] ? true : fallback;
};
const overlays = { caption: flag('captions', true), chapter: flag('chapter', true), timestamp: flag('timestamp', true), card: flag('card', false) };
const common = { width, height, fps: fps as ExportSettings['fps'], overlays };
const settings: ExportSettings = format === 'still' ? stillAt(stillMoment(), common) : { ...common, format, ...videoRange() };
const { fromS, toS } = settings;
const outPath = out.replace(/[/\\]+$/, '') || out;
const parent = dirname(outPath);
// Check the parent exists before creating anything (mkdir -p into /proc spins forever on Node 20).
if (!existsSync(parent)) fail(`cannot write to ${out}: its parent folder ${parent} does not exist`);
try {
  writeFileSync(join(parent, '.wirescene-write-test'), '');
  rmSync(join(parent, '.wirescene-write-test'));
} catch (e) {
  fail(`cannot write to ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
}

// A browser to record with, found before anything is built.
const browserChoice = chooseBrowser(thisMachine(), values.browser as string | undefined);
if (browserChoice.kind === 'none') {
  if (values.browser !== undefined) fail(browserChoice.problem);
  console.error(`record: ${browserChoice.problem}.`);
  process.exit(1);
}
if (browserChoice.kind !== 'npm') console.error(`record: recording with ${browserChoice.path}: exact frames and timing, but not the npm Chromium's bytes (see README).`);

const stale = staleBuild();
if (stale) {
  console.error(`record: building the site first (${stale})…`);
  execSync('npm run build', { stdio: ['ignore', process.stderr, 'inherit'] });
}

const total = exportFrameCount(settings);
const tty = process.stderr.isTTY;
let lastLine = 0;
const progress = (p: { done: number; total: number; fps: number; etaS?: number }) => {
  const pct = Math.floor((p.done / p.total) * 100);
  if (tty) {
    const width = 30;
    const filled = Math.round((p.done / p.total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} frames · ${p.fps.toFixed(1)} fps · ETA ${formatDuration(p.etaS)}  `);
  } else if (pct >= lastLine + 10 || p.done === p.total) {
    lastLine = pct - (pct % 10);
    process.stderr.write(`${p.done}/${p.total} frames (${pct} %), ${p.fps.toFixed(1)} fps, ETA ${formatDuration(p.etaS)}\n`);
  }
};

/**
 * The output is written under a temporary name beside --out and renamed when whole; on a
 * failure or Ctrl-C the temporary file (or folder of frames) is removed.
 */
const partial = join(parent, `.${basename(outPath)}.partial-${process.pid}`);
const removePartial = () => rmSync(partial, { recursive: true, force: true });
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.on(signal, () => {
    removePartial();
    console.error(`\nrecord: cancelled; nothing was written to ${out}`);
    process.exit(code);
  });
}

/** A failure: one line (the stack too with --verbose), nothing left behind, exit status 1. */
function failure(e: unknown): never {
  removePartial();
  const message = e instanceof Error ? e.message : String(e);
  console.error(`${tty ? '\n' : ''}record: ${values.verbose && e instanceof Error && e.stack ? e.stack : message.split('\n')[0]}`);
  process.exit(1);
}

const server = await serveDir('dist');
const browser = await launchForFormat(format, browserChoice.kind === 'npm' ? undefined : browserChoice.path).catch(failure);
try {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 }, colorScheme: values.theme as 'dark' | 'light' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.exposeFunction('wiresceneRecordProgress', progress);
  // The what-if changes go in the hash, as in a link from the page.
  const hash = traced ? 'file' : imported ? `capture&stream=${streamListName(imported.conversations).split(',').map(encodeURIComponent).join(',')}${time !== 'fit' ? `&time=${timeScaleName(time!)}` : ''}` : `${'file' in source! ? 'file' : source!.id}${formatVariant(source!.variant)}`;
  await page.goto(`${server.url}/index.html#scenario=${hash}&embed=1`);
  await page.waitForFunction(() => (window as any).wirescene?.stats.framesDrawn > 0);
  if (imported) {
    // The page reads the capture (and key log) itself, as "open capture…" would; the link names the stream.
    const files = [capturePath!, ...(values.keylog ? [values.keylog as string] : [])].map((path) => ({ name: basename(path), base64: readFileSync(path).toString('base64') }));
    const problems: string[] = await page.evaluate(async (files) => {
      const list = files.map((f) => new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
      await (window as any).wiresceneApp.openCaptureFiles(list);
      const w = (window as any).wirescene;
      return w.model.scenario.id === 'capture' ? [] : [document.querySelector('#notice')?.textContent ?? 'it was not opened'];
    }, files);
    if (problems.length) fail(`the page refused ${capturePath}: ${problems.join('; ')}`);
  } else if (traced) {
    // The page reads the trace file's text itself, as "open scenario file…" would, then takes the time scale from its select.
    const problems: string[] = await page.evaluate(
      ([name, text, time]) => {
        const opened = (window as any).wiresceneApp.openScenarioText(name, text) as string[];
        if (opened.length || time === 'fit') return opened;
        const select = document.querySelector<HTMLSelectElement>('#time-scale')!;
        select.value = time;
        select.dispatchEvent(new Event('change'));
        return [];
      },
      [traced.name, traced.text, timeScaleName(time!)],
    );
    if (problems.length) fail(`the page refused ${tracePath}: ${problems.join('; ')}`);
    const duration = await page.evaluate(() => (window as any).wirescene.model.plan.durationS as number);
    if (Math.abs(duration - plan.durationS) > 1e-9) throw new Error(`the page's plan of ${tracePath} lasts ${duration} s, not ${plan.durationS} s as read here`);
  } else if ('file' in source!) {
    // The page reads the file's text itself, as "open scenario file…" would.
    const problems: string[] = await page.evaluate(([name, text]) => (window as any).wiresceneApp.openScenarioText(name, text), [source.file, source.text]);
    if (problems.length) fail(`the page refused ${source.file}: ${problems.join('; ')}`);
  }
  const base64: string = await page.evaluate(async (s) => {
    const bytes: Uint8Array = await (window as any).wirescene.record(s, (p: unknown) => (window as any).wiresceneRecordProgress(p));
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin);
  }, settings);
  if (tty) process.stderr.write('\n');
  if (errors.length) throw new Error(`the page reported errors: ${errors.join('; ')}`);
  const bytes = Buffer.from(base64, 'base64');
  if (format !== 'png') {
    writeFileSync(partial, bytes);
    renameSync(partial, outPath);
  } else {
    mkdirSync(partial);
    for (const [name, data] of Object.entries(unzipSync(bytes))) writeFileSync(join(partial, name), data);
    if (!existsSync(outPath)) renameSync(partial, outPath);
    else {
      for (const name of readdirSync(partial)) renameSync(join(partial, name), join(outPath, name));
      removePartial();
    }
  }
  console.log(
    format === 'still'
      ? `wrote ${out}: ${width}×${height}, "${scenario.id}" at ${fromS.toFixed(2)} s`
      : `wrote ${out}: ${total} frame${total === 1 ? '' : 's'}, ${width}×${height}, ${fps} fps, ${(toS - fromS).toFixed(2)} s of "${scenario.id}"`,
  );
} catch (e) {
  await browser.close().catch(() => undefined);
  await server.close();
  failure(e);
} finally {
  await browser.close().catch(() => undefined);
  await server.close().catch(() => undefined);
}
