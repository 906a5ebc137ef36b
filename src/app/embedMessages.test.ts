import { describe, expect, it } from 'vitest';
import { createThrottle, embedEvent, parseCommand } from './embedMessages';

describe('embed postMessage commands', () => {
  it('reads each command', () => {
    expect(parseCommand({ type: 'wirescene', command: 'play' })).toEqual({ kind: 'command', command: { type: 'wirescene', command: 'play' } });
    expect(parseCommand({ type: 'wirescene', command: 'pause' })).toMatchObject({ kind: 'command', command: { command: 'pause' } });
    expect(parseCommand({ type: 'wirescene', command: 'seek', time: 3.5 })).toMatchObject({ kind: 'command', command: { command: 'seek', time: 3.5 } });
    expect(parseCommand({ type: 'wirescene', command: 'setScenario', scenario: 'lost-syn' })).toMatchObject({ kind: 'command', command: { scenario: 'lost-syn' } });
  });
  it("leaves other pages' messages alone", () => {
    for (const data of ['play', 42, null, undefined, { command: 'play' }, { type: 'other', command: 'play' }]) expect(parseCommand(data)).toEqual({ kind: 'foreign' });
  });
  it('names the problem in a malformed message of ours', () => {
    const problem = (data: unknown) => {
      const r = parseCommand(data);
      if (r.kind !== 'problem') throw new Error(`expected a problem, got ${r.kind}`);
      return r.problem;
    };
    expect(problem({ type: 'wirescene', command: 'seek', time: '3' })).toMatch(/"time"/);
    expect(problem({ type: 'wirescene', command: 'seek', time: -1 })).toMatch(/"time"/);
    expect(problem({ type: 'wirescene', command: 'seek', time: Number.NaN })).toMatch(/"time"/);
    expect(problem({ type: 'wirescene', command: 'seek' })).toMatch(/"time"/);
    expect(problem({ type: 'wirescene', command: 'rewind' })).toMatch(/"command"/);
    expect(problem({ type: 'wirescene' })).toMatch(/"command"/);
    expect(problem({ type: 'wirescene', command: 'setScenario', scenario: '' })).toMatch(/"scenario"/);
    expect(parseCommand({ type: 'wirescene', command: 'play', extra: 1 }).kind).toBe('command');
  });
});

describe('embed events', () => {
  it('carries the time in seconds, the duration and the scenario', () => {
    expect(embedEvent('timeupdate', 210, 600, 60, 'https')).toEqual({ type: 'wirescene', event: 'timeupdate', currentTime: 3.5, duration: 10, scenario: 'https' });
    expect(embedEvent('ready', 1, 3, 60, 'x').currentTime).toBe(0.017);
  });
  it('throttles timeupdate to 4 a second', () => {
    const due = createThrottle();
    const sent = [0, 16, 100, 249, 250, 300, 499, 500, 1000].filter((t) => due(t));
    expect(sent).toEqual([0, 250, 500, 1000]);
  });
});
