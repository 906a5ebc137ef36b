import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../scenario';
import { findScenario } from '../scenarios';
import { simulate } from '../simulate';
import type { NoteEvent, Simulation } from '../types';

// The client's stub resolver when UDP loses a datagram (no built-in scenario does): the timer asks
// again after timeoutMs (1 s here), up to `attempts` (3) times, and a late answer is not taken twice.
const lookup = (patch: (s: Scenario) => Partial<Scenario>): Simulation => {
  const base = findScenario('dns-then-https')!;
  return simulate(parseScenario({ ...base, ...patch(base) }));
};
const dropQueries =
  (...occurrences: number[]) =>
  (s: Scenario) => ({
    link: { ...s.link, drop: occurrences.map((occurrence) => ({ direction: 'client-to-resolver' as const, label: 'DNS query', occurrence })) },
  });
const notes = (sim: Simulation) => sim.events.filter((e): e is NoteEvent => e.kind === 'note' && e.node === 'client').map((e) => [e.atUs, e.text]);
const dnsPackets = (sim: Simulation) => sim.packets.filter((p) => p.phase === 'dns').map((p) => [p.sendUs, p.label, p.caption, !!p.lost]);

describe('DNS over UDP when a datagram is lost', () => {
  it('asks again when the timer expires, saying which attempt it is', () => {
    const sim = lookup(dropQueries(1));
    expect(dnsPackets(sim)).toEqual([
      [0, 'DNS query', "Client asks the resolver for example.com's address: one UDP datagram, no handshake first", true],
      [1_000_000, 'DNS query', 'The same question again: attempt 2, after 1000 ms of silence', false],
      [1_006_005, 'DNS answer', 'The resolver answers: example.com is 203.0.113.5, good for 300 s; no handshake was needed', false],
    ]);
    expect(notes(sim)[0]).toEqual([1_000_000, 'client  DNS timer (1000 ms) expired with no answer: asking again (UDP does not retransmit by itself)']);
    expect(sim.timers.filter((t) => t.kind === 'dns').map((t) => [t.startUs, t.endUs])).toEqual([
      [0, 1_000_000],
      [1_000_000, 1_012_011],
    ]);
    expect(sim.packets.find((p) => p.label === 'SYN')!.sendUs).toBe(1_012_011);
  });

  it('gives up after the last attempt, and no connection follows', () => {
    const sim = lookup(dropQueries(1, 2, 3));
    expect(dnsPackets(sim).map(([t, label]) => [t, label])).toEqual([
      [0, 'DNS query'],
      [1_000_000, 'DNS query'],
      [2_000_000, 'DNS query'],
    ]);
    expect(notes(sim).at(-1)).toEqual([3_000_000, 'client  DNS: no answer after 3 attempts; giving up']);
    expect(sim.packets.filter((p) => p.tcp)).toEqual([]);
  });

  it('takes a late answer once: the retry crossed it, and the second answer changes nothing', () => {
    // A 1.5 s round trip to the resolver: the timer (1 s) asks again before the first answer lands.
    const sim = lookup((s) => ({ dns: { ...s.dns!, rttMs: 1500 } }));
    const answers = sim.packets.filter((p) => p.label === 'DNS answer');
    expect(answers.map((p) => p.arriveUs)).toEqual([1_500_011, 2_500_011]);
    const resolved = sim.events.filter((e) => e.kind === 'note' && e.milestone === 'resolved');
    expect(resolved.map((e) => e.atUs)).toEqual([answers[0].arriveUs]);
    expect(sim.packets.filter((p) => p.label === 'SYN')).toHaveLength(1);
    expect(sim.timers.filter((t) => t.kind === 'dns').map((t) => t.endUs)).toEqual([1_000_000, answers[0].arriveUs]);
  });
});
