import { describe, expect, it } from 'vitest';
import { formatHash, formatVariant, parseHash } from './hash';

const known = ['https', 'https-random-isn'];
/** A 16 s scenario at 60 fps: frames 0–960. */
const end = (s: number) => ({ lastFrame: s * 60, fps: 60 });
const parse = (h: string) => parseHash(h, known, () => end(16));

describe('parseHash', () => {
  it('reads scenario and time', () => {
    const plain = { speed: 1, loop: false, embed: false, file: false, variant: { net: {}, drops: [] }, problems: [] };
    expect(parse('#scenario=https-random-isn&t=2.35')).toEqual({ ...plain, scenario: 'https-random-isn', t: 2.35 });
    expect(parse('')).toEqual({ ...plain, scenario: 'https', t: 0 });
  });

  it('round-trips what it formats, leaving defaults out', () => {
    expect(formatHash({ scenario: 'https', t: 3.5 })).toBe('#scenario=https&t=3.50');
    const variant = { net: { rttMs: 80, bandwidthMbps: 10, lossRate: 0.01, bodyBytes: 100000 }, drops: [{ direction: 'client-to-server' as const, index: 3 }, { direction: 'resolver-to-client' as const, index: 1 }] };
    const full = { scenario: 'https', t: 3.5, speed: 0.25, range: { in: 1.2, out: 5 }, loop: true, embed: true, variant };
    expect(formatHash(full)).toBe('#scenario=https&t=3.50&speed=0.25&range=1.20-5.00&loop=1&rtt=80&bw=10&loss=0.01&size=100000&drop=c2s:3,r2c:1&embed=1');
    expect(parse(formatHash(full))).toEqual({ ...full, file: false, problems: [] });
  });

  it.each([
    ['#speed=0', /Ignored speed="0"/],
    ['#speed=9', /Ignored speed="9"/],
    ['#range=5-1', /Ignored range="5-1"/],
    ['#range=1-99', /Ignored range="1-99"/],
    ['#range=a-b', /Ignored range="a-b"/],
    ['#range=1-2-3', /Ignored range="1-2-3"/],
    ['#range=2.00-2.00', /Ignored range="2.00-2.00": expected IN-OUT seconds with IN before OUT/],
    ['#range=2.001-2.002', /Ignored range="2.001-2.002"/], // one frame: in and out name the same frame
    ['#range=1.00-16.01', /Ignored range="1.00-16.01"/],
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

  it('reads the network knobs and the packets to lose', () => {
    const s = parse('#rtt=80&bw=0.5&loss=0&size=0&drop=c2s:3&drop=s2c:12,c2s:3');
    expect(s.variant).toEqual({
      net: { rttMs: 80, bandwidthMbps: 0.5, lossRate: 0, bodyBytes: 0 },
      drops: [{ direction: 'client-to-server', index: 3 }, { direction: 'server-to-client', index: 12 }],
    });
    expect(s.problems).toEqual([]);
  });

  it.each([
    ['#rtt=0', 'Ignored rtt="0": expected a number from 1 to 2,000 (ms), such as rtt=80.'],
    ['#rtt=fast', 'Ignored rtt="fast": expected a number from 1 to 2,000 (ms), such as rtt=80.'],
    ['#bw=-1', 'Ignored bw="-1": expected a number from 0.1 to 100,000 (Mbit/s), such as bw=10.'],
    ['#loss=0.9', 'Ignored loss="0.9": expected a number from 0 to 0.5, such as loss=0.01.'],
    ['#loss=1e-2', 'Ignored loss="1e-2": expected a number from 0 to 0.5, such as loss=0.01.'],
    ['#size=1.5', 'Ignored size="1.5": expected a whole number from 0 to 2,000,000 (bytes), such as size=100000.'],
    ['#size=99999999', 'Ignored size="99999999": expected a whole number from 0 to 2,000,000 (bytes), such as size=100000.'],
    ['#drop=c2s', 'Ignored drop="c2s": expected DIRECTION:N such as drop=c2s:3 (c2s, s2c, c2r or r2c; N counts the packets sent that way from 1).'],
    ['#drop=up:3', 'Ignored drop="up:3": expected DIRECTION:N such as drop=c2s:3 (c2s, s2c, c2r or r2c; N counts the packets sent that way from 1).'],
    ['#drop=c2s:0', 'Ignored drop="c2s:0": expected DIRECTION:N such as drop=c2s:3 (c2s, s2c, c2r or r2c; N counts the packets sent that way from 1).'],
    ['#drop=', 'Ignored drop="": expected DIRECTION:N such as drop=c2s:3 (c2s, s2c, c2r or r2c; N counts the packets sent that way from 1).'],
  ])('ignores a bad what-if value %s and says so', (hash, message) => {
    const s = parse(hash);
    expect(s.problems).toEqual([message]);
    expect(s.variant).toEqual({ net: {}, drops: [] });
  });

  it('keeps the good drops of a list with a bad one, and at most 100', () => {
    expect(parse('#drop=c2s:1,x,s2c:2').variant.drops).toEqual([{ direction: 'client-to-server', index: 1 }, { direction: 'server-to-client', index: 2 }]);
    const many = parse(`#drop=${Array.from({ length: 120 }, (_, i) => `c2s:${i + 1}`).join(',')}`);
    expect(many.variant.drops).toHaveLength(100);
    expect(many.problems).toEqual(['Ignored drop="c2s:101" and after: at most 100 drops.']);
  });

  it('checks the time against the scenario with the knobs applied', () => {
    const s = parseHash('#rtt=400&t=30', known, (_, v) => end(v.net.rttMs === 400 ? 60 : 16));
    expect([s.t, s.problems]).toEqual([30, []]);
  });

  it('scenario=file: the default scenario until the file is opened, the moment kept', () => {
    const s = parseHash('#scenario=file&t=30&range=1.00-40.00', known, (_, __, file) => end(file ? Infinity : 16));
    expect(s).toMatchObject({ scenario: 'https', file: true, t: 30, range: { in: 1, out: 40 } });
    expect(s.problems).toEqual(['This link is for a scenario file, which a link cannot carry: showing "https" until you open that file ("open scenario file…").']);
  });

  it('clips echoed values at 24 characters and refuses values longer than 64', () => {
    expect(parse(`#loop=${'x'.repeat(24)}`).problems).toEqual([`Ignored loop="${'x'.repeat(24)}": expected 1 or 0.`]);
    expect(parse(`#loop=${'x'.repeat(25)}`).problems).toEqual([`Ignored loop="${'x'.repeat(24)}…": expected 1 or 0.`]);
    expect(parse(`#t=${'0'.repeat(63)}1`).t).toBe(1);
    expect(parse(`#t=${'0'.repeat(64)}1`).problems[0]).toMatch(/^Ignored t=/);
  });

  it('accepts the slowest and fastest speeds and nothing outside them', () => {
    expect(parse('#speed=0.1').speed).toBe(0.1);
    expect(parse('#speed=4').speed).toBe(4);
    expect(parse('#speed=0.09').problems).toEqual(['Ignored speed="0.09": expected 0.1 to 4.']);
    expect(parse('#speed=4.01').problems).toEqual(['Ignored speed="4.01": expected 0.1 to 4.']);
  });

  it('reads loop and embed as 1 or 0 and names anything else', () => {
    expect([parse('#loop=1').loop, parse('#loop=0').loop, parse('#embed=1').embed, parse('#embed=0').embed]).toEqual([true, false, true, false]);
    expect(parse('#embed=yes').problems).toEqual(['Ignored embed="yes": expected 1 or 0.']);
  });

  it('names the valid range in its message, and an unknown end as …', () => {
    expect(parse('#range=3-1').problems).toEqual(['Ignored range="3-1": expected IN-OUT seconds with IN before OUT, within 0–16.00, such as range=1.20-5.00.']);
    expect(parseHash('#range=3-1', known, () => end(Infinity)).problems).toEqual(['Ignored range="3-1": expected IN-OUT seconds with IN before OUT, within 0–…, such as range=1.20-5.00.']);
    expect(parse('#t=16.01').problems).toEqual(['t=16.01 is past the end (16.00 s): showing the end.']);
    expect(parse('#t=16.00').problems).toEqual([]);
  });

  it('names an unknown key once however often it repeats, and skips a repeated drop', () => {
    expect(parse('#foo=1&foo=2&bar=3').problems).toEqual(['Ignored unknown setting "foo".', 'Ignored unknown setting "bar".']);
    expect(parse('#drop=c2s:3,c2s:3').variant.drops).toEqual([{ direction: 'client-to-server', index: 3 }]);
  });

  it('formats only what differs from the defaults, escaping the scenario name', () => {
    expect(formatHash({ scenario: 'a b&c', t: 0, speed: 1, loop: false, embed: false })).toBe('#scenario=a%20b%26c&t=0.00');
    expect(formatHash({ scenario: 'https', t: 1.005, embed: true })).toBe('#scenario=https&t=1.00&embed=1');
    expect(formatVariant(undefined)).toBe('');
    expect(formatVariant({ net: {}, drops: [] })).toBe('');
  });
});

describe('scenario=capture', () => {
  const fileEnd = () => ({ lastFrame: Infinity, fps: 60 });
  it('keeps the conversation and the moment for when the capture is opened again', () => {
    const s = parseHash('#scenario=capture&stream=udp%200&t=2.50', ['https'], fileEnd);
    expect(s).toMatchObject({ scenario: 'https', file: true, capture: { stream: 'udp 0' }, t: 2.5 });
    expect(s.problems).toEqual(['This link is for a capture, which a link cannot carry: showing "https" until you open that capture again ("open capture…"; nothing leaves your browser).']);
    expect(formatHash({ scenario: 'capture', stream: 'udp 0', t: 2.5 })).toBe('#scenario=capture&stream=udp%200&t=2.50');
  });
  it('carries several conversations shown together, commas kept readable', () => {
    const s = parseHash('#scenario=capture&stream=0,1,udp%200&t=1.00', ['https'], fileEnd);
    expect(s.capture).toEqual({ stream: '0,1,udp 0' });
    expect(formatHash({ scenario: 'capture', stream: '0,1,udp 0', t: 1 })).toBe('#scenario=capture&stream=0,1,udp%200&t=1.00');
  });
  it('carries the time scale, fit left out', () => {
    expect(parseHash('#scenario=capture&stream=0&time=100&t=1.00', ['https'], fileEnd).capture).toEqual({ stream: '0', time: '100' });
    expect(formatHash({ scenario: 'capture', stream: '0', time: '100', t: 1 })).toBe('#scenario=capture&stream=0&time=100&t=1.00');
    expect(formatHash({ scenario: 'capture', stream: '0', time: 'fit', t: 1 })).toBe('#scenario=capture&stream=0&t=1.00');
    const bad = parseHash('#scenario=capture&stream=0&time=7', ['https'], fileEnd);
    expect(bad.capture).toEqual({ stream: '0' });
    expect(bad.problems[1]).toBe('Ignored time="7": expected fit, 1, 10, 100, 1000 (fit, or real time × that many).');
    expect(parseHash('#scenario=https&time=10', ['https'], fileEnd).problems).toEqual(['Ignored time=: it goes with scenario=capture, or scenario=file for a trace file.']);
  });
  it('carries a trace file\'s time scale with scenario=file', () => {
    const s = parseHash('#scenario=file&time=10&t=3.00', ['https'], fileEnd);
    expect(s).toMatchObject({ file: true, time: '10', t: 3 });
    expect(s.capture).toBeUndefined();
    expect(s.problems).toHaveLength(1); // only "a link cannot carry the file"
    expect(formatHash({ scenario: 'file', time: '10', t: 3 })).toBe('#scenario=file&time=10&t=3.00');
    expect(parseHash('#scenario=file&t=3.00', ['https'], fileEnd).time).toBeUndefined();
    const bad = parseHash('#scenario=file&time=fast&t=3.00', ['https'], fileEnd);
    expect(bad.time).toBeUndefined();
    expect(bad.problems[1]).toBe('Ignored time="fast": expected fit, 1, 10, 100, 1000 (fit, or real time × that many).');
  });
  it('names a bad stream, and a stream without scenario=capture', () => {
    expect(parseHash('#scenario=capture&stream=-1', ['https'], fileEnd).problems[1]).toBe('Ignored stream="-1": expected a TCP stream number such as stream=0, or "udp 0"; several separated by commas, such as stream=0,1,udp 0.');
    expect(parseHash('#scenario=capture&stream=0,,1', ['https'], fileEnd).capture).toEqual({});
    expect(parseHash(`#scenario=capture&stream=${Array.from({ length: 17 }, (_, i) => i).join(',')}`, ['https'], fileEnd).capture).toEqual({});
    expect(parseHash('#scenario=capture&stream=-1', ['https'], fileEnd).capture).toEqual({});
    expect(parseHash('#scenario=https&stream=1', ['https'], fileEnd).problems).toEqual(['Ignored stream=: it goes with scenario=capture.']);
  });
});
