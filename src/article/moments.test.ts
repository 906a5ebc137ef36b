import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../playback/model';
import { findScenario } from '../sim/scenarios';
import { findPacket, resolveMoment } from './moments';
import { resolveArticle } from './resolve';
import { parseArticle } from './syntax';

const model = (id: string) => buildModel(findScenario(id)!);
const https = model('https');
const at = (sel: string) => resolveMoment(https.sim, https.plan, sel);
const flight = (label: string) => https.plan.flights.find((f) => f.label === label)!;
const frame = (s: number) => Math.ceil(s * 60 - 1e-6);

describe('moments', () => {
  it('resolves packets to their flights: from the send, the middle for a link, to the landing', () => {
    const f = flight('SYN-ACK');
    expect(at('SYN-ACK')).toEqual({ from: frame(f.startS), at: frame((f.startS + f.endS) / 2), to: frame(f.endS) });
    expect(at('GET').from).toBe(frame(https.plan.flights.find((x) => x.label.startsWith('GET'))!.startS));
    expect(at('FIN.2').from).toBeGreaterThan(at('FIN').from);
    expect(at('ACK.last').from).toBe(frame(https.plan.flights.at(-1)!.startS));
  });

  it('resolves states, milestones, chapters and ranges', () => {
    const badge = https.plan.badges.find((b) => b.node === 'server' && b.state === 'SYN_RCVD')!;
    expect(at('server:SYN_RCVD').at).toBe(frame(badge.atS));
    expect(at('SYN_RCVD')).toEqual(at('server:SYN_RCVD'));
    expect(at('TIME_WAIT').at).toBeGreaterThan(at('FIN.2').from);
    const tls = https.plan.chapters.find((c) => c.id === 'tls')!;
    expect(at('chapter:tls').from).toBe(frame(tls.startS));
    expect(at('SYN..ACK')).toMatchObject({ from: at('SYN').from, to: at('ACK').to, at: at('ACK').to });
    expect(at('milestone:closed').at).toBeLessThanOrEqual(https.frameCount - 1);
  });

  it('names a later connection’s chapter with .2 or .last, and lists the chapters when there is no such one', () => {
    const t = model('tls12-vs-tls13');
    const second = t.plan.chapters.filter((c) => c.id === 'tls')[1];
    expect(second.title).toBe('TLS 1.3 handshake · connection #1');
    const moment = resolveMoment(t.sim, t.plan, 'chapter:tls.2');
    expect(moment.from).toBe(frame(second.startS));
    expect(moment.to).toBe(frame(second.endS) - 1);
    expect(resolveMoment(t.sim, t.plan, 'chapter:tls.last')).toEqual(moment);
    // An old link (chapter:tls) still names the first.
    expect(resolveMoment(t.sim, t.plan, 'chapter:tls').from).toBe(frame(t.plan.chapters[1].startS));
    expect(() => resolveMoment(t.sim, t.plan, 'chapter:tls.3')).toThrow('chapter:tls (TLS 1.2 handshake · connection #0), chapter:http (HTTP request · connection #0)');
    expect(() => resolveMoment(t.sim, t.plan, 'chapter:tls.3')).toThrow('chapter:tls.2 (TLS 1.3 handshake · connection #1)');
  });

  it('finds a TLS record inside a flight whose label sums it up, but a label wins', () => {
    const t = buildModel(findScenario('tls12-vs-tls13')!).sim;
    const records = (sel: string) => findPacket(t, sel).layers.find((l) => l.name === 'TLS')!.fields.map((f) => f.name);
    expect(findPacket(t, 'ServerKeyExchange').label).toBe('ServerHello … Done');
    expect(records('ServerKeyExchange')).toContain('TLS record: ServerKeyExchange');
    expect(findPacket(t, 'ServerHelloDone')).toBe(findPacket(t, 'ServerKeyExchange'));
    expect(findPacket(t, 'ClientKeyExchange').from).toBe('client');
    expect(findPacket(t, 'ChangeCipherSpec.2')).toMatchObject({ from: 'server', label: 'CCS, Finished' });
    // "Finished" is in labels ("CCS, Finished"), so a record named Finished (encrypted) elsewhere does not count.
    expect(findPacket(t, 'Finished')).toBe(findPacket(t, 'ChangeCipherSpec'));
    expect(() => findPacket(https.sim, 'ServerKeyExchange')).toThrow(/no packet is labelled "ServerKeyExchange"/);
  });

  it.each([
    ['NOPE', /no packet is labelled "NOPE"/],
    ['SYN.9', /only 1 such packets/],
    ['client:SYN_RCVD', /no endpoint enters SYN_RCVD/],
    ['chapter:dns', /no such chapter/],
    ['milestone:party', /milestones are/],
    ['lost', /no packet in this scenario is lost/],
    ['SYN..', /a range is two moments/],
  ])('names the problem with "%s"', (sel, message) => {
    expect(() => at(sel)).toThrow(message);
  });

  it.each([
    ['https', 'https'],
    ['https', 'https-random-isn'],
    ['lost-syn', 'lost-syn'],
  ])('binds every moment and value of the %s article to %s, sections in order', (file, scenario) => {
    const article = parseArticle(readFileSync(`assets/articles/${file}.md`, 'utf8'));
    const r = resolveArticle(article, scenario, model);
    expect(r.sections.length).toBe(article.sections.length);
    for (const s of r.sections) {
      // Within a section (one scenario), steps never send the reader back in time, except to re-show.
      expect(s.range.to).toBeGreaterThanOrEqual(s.range.from);
    }
    expect(r.steps.every((s) => s.range.from <= s.range.to)).toBe(true);
  }, 60_000);

  it('reports every unknown name of an article at once, with its section', () => {
    const article = parseArticle('---\ntitle: T\nscenario: https\n---\n## A {#a}\n\n[x](#@NOPE) {{nope}}\n');
    expect(() => resolveArticle(article, 'https', model)).toThrow(/section #a \(https\): moment "NOPE".*\n.*section #a \(https\): value "\{\{nope\}\}"/);
  });
});
