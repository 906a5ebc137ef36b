import { describe, expect, it } from 'vitest';
import { appScenarioIds, defaultScenarioId, findScenario, loadsInSlices, pageScenarioIds, scenarioIds } from './scenarios';

// The picker's list: https first (the default), bulk-100k (104,000 packets) loaded in slices and
// kept off the pages that build at once.

describe('built-in scenarios', () => {
  it('start with https, the default, and keep the picker’s order', () => {
    expect(defaultScenarioId).toBe('https');
    expect(scenarioIds()).toEqual(['https', 'dns-then-https', 'lost-syn', 'lost-segment', 'lost-tail', 'slow-link', 'keep-alive', 'bad-certificate', 'hello-retry', 'tls12-vs-tls13', 'resumption-0rtt', 'http2', 'chrome-hello', 'bulk', 'bulk-100k', 'https-random-isn']);
  });

  it('are found by id, parsed with their defaults filled in', () => {
    const s = findScenario('lost-syn')!;
    expect(s.id).toBe('lost-syn');
    expect(s.capture).toBeDefined();
    expect(s.link.queuePackets).toBeGreaterThan(0);
    expect(findScenario('nope')).toBeUndefined();
    expect(findScenario('')).toBeUndefined();
  });

  it('load bulk-100k in slices, and only it; the pages offer the rest, the app all', () => {
    expect(scenarioIds().filter(loadsInSlices)).toEqual(['bulk-100k']);
    expect(pageScenarioIds()).toEqual(scenarioIds().filter((id) => id !== 'bulk-100k'));
    expect(appScenarioIds()).toEqual(scenarioIds());
  });
});
