import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from './hash';

const known = ['https', 'https-random-isn'];
const parse = (h: string) => parseHash(h, known, () => 16);

describe('parseHash', () => {
  it('reads scenario and time', () => {
    expect(parse('#scenario=https-random-isn&t=2.35')).toEqual({ scenario: 'https-random-isn', t: 2.35, speed: 1, loop: false, embed: false, problems: [] });
    expect(parse('')).toEqual({ scenario: 'https', t: 0, speed: 1, loop: false, embed: false, problems: [] });
  });

  it('round-trips what it formats, leaving defaults out', () => {
    expect(formatHash({ scenario: 'https', t: 3.5 })).toBe('#scenario=https&t=3.50');
    const full = { scenario: 'https', t: 3.5, speed: 0.25, range: { in: 1.2, out: 5 }, loop: true, embed: true };
    expect(parse(formatHash(full))).toEqual({ ...full, problems: [] });
  });

  it.each([
    ['#speed=0', /Ignored speed="0"/],
    ['#speed=9', /Ignored speed="9"/],
    ['#range=5-1', /Ignored range="5-1"/],
    ['#range=1-99', /Ignored range="1-99"/],
    ['#range=a-b', /Ignored range="a-b"/],
    ['#range=1-2-3', /Ignored range="1-2-3"/],
    ['#loop=yes', /Ignored loop="yes"/],
  ])('ignores a bad setting %s and says so', (hash, message) => {
    const s = parse(hash);
    expect(s.problems.join(' ')).toMatch(message);
    expect([s.speed, s.range, s.loop]).toEqual([1, undefined, false]);
  });

  it.each([
    ['#t=abc', /Ignored t="abc"/],
    ['#t=-5', /Ignored t="-5"/],
    ['#t=1e999', /Ignored t="1e999"/],
    ['#t=NaN', /Ignored/],
    ['#t=Infinity', /Ignored/],
    ['#t=' + '9'.repeat(500), /Ignored t="9{24}…"/],
    ['#t=<script>alert(1)</script>', /Ignored t="<script>alert\(1\)<\/script…"/],
  ])('falls back to the start for a malformed time %s', (hash, message) => {
    const s = parse(hash);
    expect(s.t).toBe(0);
    expect(s.problems.join(' ')).toMatch(message);
  });

  it('clamps a time past the end and says so', () => {
    const s = parse('#t=99');
    expect(s.t).toBe(16);
    expect(s.problems[0]).toMatch(/past the end/);
  });

  it('falls back to the default scenario for an unknown one, naming the known ones', () => {
    const s = parse('#scenario=nope&t=1');
    expect(s.scenario).toBe('https');
    expect(s.t).toBe(1);
    expect(s.problems[0]).toBe('Unknown scenario "nope": showing "https". Known: https, https-random-isn.');
  });

  it('names unknown keys', () => {
    expect(parse('#foo=1').problems).toEqual(['Ignored unknown setting "foo".']);
  });
});
