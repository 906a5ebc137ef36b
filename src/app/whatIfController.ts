import type { Scenario } from '../sim/scenario';
import { parseScenarioFile, scenarioProblems, MAX_SCENARIO_FILE_BYTES } from '../sim/scenarioFile';
import { ScenarioError } from '../sim/scenario';
import { findScenario, loadsInSlices } from '../sim/scenarios';
import type { Packet, Simulation } from '../sim/types';
import { modelOfSource, traceFromText } from '../element/source';
import { WireSceneError } from '../element/mediaError';
import { MAX_TRACE_FILE_BYTES } from '../import/traceFile';
import { applyVariant, costOf, describeCost, directionCode, dropFor, type DropSpec, type Variant } from '../sim/variant';
import { captureScenario, type OpenCaptureFile, traceOf } from './captureFiles';
import { parseTimeScale } from '../timeline/timeScale';
import { buildModel, loadModel, type Model, modelFromSim } from '../playback/model';
import { sameChapterStartS, scenarioFlags, type ScenarioSource } from './whatIf';

/** What "open scenario file…" read: a scenario to simulate, or a trace file's recorded traffic (sim). */
export interface OpenedFile {
  scenario: Scenario;
  sim?: Simulation;
}

/** What the page shows: a scenario (built-in or from a file), the what-if changes to it, and their model. */
export interface Shown {
  source: ScenarioSource;
  base: Scenario;
  variant: Variant;
  model: Model;
}

/** Models kept for going back and forth (a knob dragged back, "restore"); each is a whole simulation. */
const MAX_MODELS = 12;

const route: Record<DropSpec['direction'], string> = {
  'client-to-server': 'client → server',
  'server-to-client': 'server → client',
  'client-to-resolver': 'client → resolver',
  'resolver-to-client': 'resolver → client',
};
const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;

/**
 * The page's next task, behind input and drawing. Not scheduler.yield: its continuation goes
 * before other tasks, so a load of hundreds of slices starved clicks and navigation for a minute.
 */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The first frame at or after a moment, in seconds (a seek to the nearest frame could land just before a chapter starts). */
const onFrame = (s: number, fps: number) => Math.ceil(s * fps - 1e-6) / fps;

/**
 * The page's scenarios and their what-if variants: a small cache of models, the scenario file
 * in use, and the words for what a lost packet costs. Data in, data out; main.ts does the DOM.
 */
export function createWhatIf() {
  const models = new Map<string, Model>();
  let file: ({ name: string } & OpenedFile) | undefined;
  let capture: OpenCaptureFile | undefined;

  /** A conversation of the open capture as a model; its "scenario" only names and describes it (what-if knobs do not apply). */
  const captureModel = (name: string, stream: string, time = 'fit'): Model => {
    if (!capture || capture.name !== name) throw new Error(`${name} is not open`);
    const trace = traceOf(capture, stream);
    if (!trace.ok) throw new Error(trace.error);
    return modelFromSim(captureScenario(name, trace.value.conversations, capture.keyLog?.name), trace.value.sim, parseTimeScale(time) ?? 'fit');
  };

  const baseOf = (source: ScenarioSource): Scenario => {
    if (source.kind === 'capture') return model(source, { net: {}, drops: [] }).scenario;
    if (source.kind === 'file' || source.kind === 'trace') {
      if (!file || file.name !== source.name || !file.sim !== (source.kind === 'file')) throw new Error(`${source.name} is not open`);
      return file.scenario;
    }
    const s = findScenario(source.id);
    if (!s) throw new Error(`no built-in scenario "${source.id}"`);
    return s;
  };

  const keyOf = (source: ScenarioSource, variant: Variant) =>
    source.kind === 'capture'
      ? `capture:${source.name}|${source.stream}|${source.time ?? 'fit'}`
      : source.kind === 'trace'
        ? `trace:${source.name}|${source.time ?? 'fit'}`
        : `${source.kind === 'file' ? `file:${source.name}` : source.id}|${JSON.stringify(variant)}`;
  /** A trace's model at a time scale (a trace, like a capture, has no what-if variants). */
  const traceModel = (source: Extract<ScenarioSource, { kind: 'trace' }>): Model => {
    const scenario = baseOf(source);
    return modelFromSim(scenario, file!.sim!, parseTimeScale(source.time ?? 'fit') ?? 'fit');
  };
  const keep = (key: string, m: Model) => {
    models.delete(key);
    models.set(key, m); // most recently used last
    if (models.size > MAX_MODELS) models.delete(models.keys().next().value!);
    return m;
  };
  const model = (source: ScenarioSource, variant: Variant): Model => {
    const key = keyOf(source, variant);
    const m =
      models.get(key) ??
      (source.kind === 'capture' ? captureModel(source.name, source.stream, source.time) : source.kind === 'trace' ? traceModel(source) : buildModel(applyVariant(baseOf(source), variant)));
    return keep(key, m);
  };

  /** The packet a drop rule loses in a run (the index-th sent that way). */
  const packetDropped = (m: Model, d: DropSpec): Packet | undefined => {
    const [from, to] = d.direction.split('-to-');
    return m.sim.packets.filter((p) => p.from === from && p.to === to)[d.index - 1];
  };

  return {
    get file() {
      return file;
    },
    /** The open scenario or trace file as a source (the picker's "file" option). */
    fileSource: (): ScenarioSource | undefined => (file ? { kind: file.sim ? 'trace' : 'file', name: file.name } : undefined),
    get capture() {
      return capture;
    },
    /** The capture in use from now on (its conversations' models are made again: the key log may differ). */
    setCapture(next: OpenCaptureFile): void {
      capture = next;
      for (const key of [...models.keys()]) if (key.startsWith('capture:')) models.delete(key);
    },
    model,
    /** A built-in that loads in slices (bulk-100k) and is not made yet: open() must load it first. */
    needsLoad: (source: ScenarioSource, variant: Variant): boolean => source.kind === 'built-in' && loadsInSlices(source.id) && !models.has(keyOf(source, variant)),
    /** Makes such a model in slices, with progress (the page stays responsive), and keeps it. */
    load: async (source: ScenarioSource, variant: Variant, options: Omit<Parameters<typeof loadModel>[1], 'now' | 'pause'>): Promise<Model> =>
      keep(keyOf(source, variant), await loadModel(applyVariant(baseOf(source), variant), { ...options, now: () => performance.now(), pause: nextTask })),
    show: (source: ScenarioSource, variant: Variant): Shown => ({ source, base: baseOf(source), variant, model: model(source, variant) }),

    /** "What if the ClientHello (client → server, 3rd that way) were lost: +1,004 ms, +1 round trip: …", or none without drops. */
    costLine(shown: Shown): string | undefined {
      const { drops } = shown.variant;
      if (drops.length === 0) return undefined;
      const original = model(shown.source, { net: shown.variant.net, drops: [] });
      const named = drops.map((d) => {
        const p = packetDropped(shown.model, d);
        return `${p ? `the ${p.label}` : 'a packet'} (${route[d.direction]}, ${ordinal(d.index)} that way)`;
      });
      const what = drops.length === 1 ? named[0] : `${drops.length} packets, ${named.join(', ')},`;
      return `What if ${what} ${drops.length === 1 ? 'was' : 'were'} lost: ${describeCost(costOf(original.sim, shown.model.sim))}`;
    },

    /** For $ network: "lost on purpose: the SYN (c2s:1), the ACK (c2s:3)", or none without drops. */
    dropsLine(shown: Shown): string | undefined {
      const { drops } = shown.variant;
      if (drops.length === 0) return undefined;
      const named = drops.map((d) => `${packetDropped(shown.model, d)?.label ?? 'a packet'} (${directionCode(d.direction)}:${d.index})`);
      return `what if, lost: ${named.join(', ')}`;
    },

    /** The drop rule for "lose this packet", unless that packet is lost already. */
    dropFor(shown: Shown, packet: Packet): DropSpec | undefined {
      const drop = dropFor(shown.model.sim, packet);
      if (!drop || shown.variant.drops.some((d) => d.direction === drop.direction && d.index === drop.index)) return undefined;
      return drop;
    },

    /** When a packet leaves in the plan of a variant (presentation seconds, on the first frame that shows it). */
    sendTimeS(shown: Shown, variant: Variant, packetId: number): number | undefined {
      const { plan } = model(shown.source, variant);
      const startS = plan.flights.find((f) => f.packetId === packetId)?.startS;
      return startS === undefined ? undefined : onFrame(startS, plan.fps);
    },

    /** The start of the chapter shown at t, in the plan of another variant (its first frame). */
    sameChapterT(shown: Shown, tS: number, variant: Variant): number {
      const { plan } = model(shown.source, variant);
      return onFrame(sameChapterStartS(shown.model.plan.chapters, tS, plan.chapters), plan.fps);
    },

    scenarioFlags: (shown: Shown): string[] => [...scenarioFlags(shown.source, shown.variant), ...(shown.source.kind === 'capture' && capture?.keyLog ? ['--keylog', capture.keyLog.name] : [])],

    /**
     * Reads a scenario file, or a trace file (npm run import) with its model at the default time
     * scale; throws a ScenarioError naming the file and what is wrong with it.
     */
    readFile(name: string, text: string | { tooBig: number }): OpenedFile & { model?: Model } {
      if (typeof text !== 'string') throw new ScenarioError([`${name}: the file is ${(text.tooBig / 1e6).toFixed(1)} MB; a scenario file is at most ${MAX_SCENARIO_FILE_BYTES / 1e6} MB of JSON, a trace file at most ${MAX_TRACE_FILE_BYTES / 1e6} MB`]);
      const trace = traceFromText(name, text);
      if (trace instanceof WireSceneError) throw new ScenarioError([trace.message]);
      if (!trace) return { scenario: parseScenarioFile(name, text) };
      const traced = modelOfSource(name, trace);
      if (traced instanceof WireSceneError) throw new ScenarioError([traced.message]);
      return { scenario: trace.scenario, sim: trace.sim, model: traced };
    },
    problems: (e: unknown, name: string) => scenarioProblems(e, name),

    /** The file in use from now on (an edited file opened again replaces its models). */
    setFile(name: string, opened: OpenedFile & { model?: Model }): void {
      file = { name, scenario: opened.scenario, ...(opened.sim ? { sim: opened.sim } : {}) };
      for (const key of [...models.keys()]) if (key.startsWith('file:') || key.startsWith('trace:')) models.delete(key);
      if (opened.sim && opened.model) keep(keyOf({ kind: 'trace', name }, { net: {}, drops: [] }), opened.model);
    },
  };
}


