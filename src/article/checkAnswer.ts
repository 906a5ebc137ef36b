import type { Value } from './values';

export type Verdict = 'right' | 'wrong' | 'empty' | 'unreadable';

/**
 * A reader's answer against the simulated value. Numbers are compared as numbers: thousands
 * separators and spaces are ignored, and a unit may be given (`1 s`, `1000 ms`, `3 RTT`);
 * text is compared without case.
 */
export function checkAnswer(answer: string, expected: Value): Verdict {
  const a = answer.trim();
  if (!a) return 'empty';
  if (expected.number === undefined) return a.toLowerCase() === expected.text.toLowerCase() ? 'right' : 'wrong';
  const m = /^([+-]?\d[\d,_ ]*(?:\.\d+)?)\s*(ms|s|sec|seconds?|milliseconds?|bytes?|b|rtts?|round trips?)?\.?$/i.exec(a);
  if (!m) return 'unreadable';
  let n = Number(m[1].replace(/[,_ ]/g, ''));
  const unit = (m[2] ?? '').toLowerCase();
  const expectsSeconds = /\bs$/.test(expected.text) && !/ms$/.test(expected.text);
  const expectsMs = /ms$/.test(expected.text);
  if (unit.startsWith('m') && expectsSeconds) n /= 1000;
  if ((unit === 's' || unit.startsWith('sec')) && expectsMs) n *= 1000;
  return Math.abs(n - expected.number) < 1e-9 ? 'right' : 'wrong';
}
