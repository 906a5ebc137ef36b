import badCertificate from '../../assets/scenarios/bad-certificate.json';
import bulk100k from '../../assets/scenarios/bulk-100k.json';
import bulk from '../../assets/scenarios/bulk.json';
import chromeHello from '../../assets/scenarios/chrome-hello.json';
import dnsThenHttps from '../../assets/scenarios/dns-then-https.json';
import httpsRandomIsn from '../../assets/scenarios/https-random-isn.json';
import helloRetry from '../../assets/scenarios/hello-retry.json';
import http2 from '../../assets/scenarios/http2.json';
import https from '../../assets/scenarios/https.json';
import keepAlive from '../../assets/scenarios/keep-alive.json';
import lostSegment from '../../assets/scenarios/lost-segment.json';
import lostSyn from '../../assets/scenarios/lost-syn.json';
import lostTail from '../../assets/scenarios/lost-tail.json';
import resumption0rtt from '../../assets/scenarios/resumption-0rtt.json';
import slowLink from '../../assets/scenarios/slow-link.json';
import tls12VsTls13 from '../../assets/scenarios/tls12-vs-tls13.json';
import { parseScenario, type Scenario } from './scenario';

/** The scenarios that ship with the app, by id, in the picker's order. The first is the default. */
const builtIn: Scenario[] = [https, dnsThenHttps, lostSyn, lostSegment, lostTail, slowLink, keepAlive, badCertificate, helloRetry, tls12VsTls13, resumption0rtt, http2, chromeHello, bulk, bulk100k, httpsRandomIsn].map((s) => parseScenario(s));

export const defaultScenarioId = builtIn[0].id;

export function scenarioIds(): string[] {
  return builtIn.map((s) => s.id);
}

export function findScenario(id: string): Scenario | undefined {
  return builtIn.find((s) => s.id === id);
}

/**
 * Built-ins too large to simulate in one go on a page: bulk-100k (104,000 packets) takes
 * seconds. The app loads them in slices behind a progress bar (playback/model's loadModel);
 * <wire-scene> and the article, which build their models at once, do not offer them.
 */
const loadedInSlices = new Set(['bulk-100k']);

export const loadsInSlices = (id: string): boolean => loadedInSlices.has(id);

/** The built-ins <wire-scene> and the article offer: those that build at once. */
export function pageScenarioIds(): string[] {
  return scenarioIds().filter((id) => !loadedInSlices.has(id));
}

/** The built-ins the app's picker offers: all of them, the large ones loaded with progress. */
export const appScenarioIds = (): string[] => scenarioIds();
