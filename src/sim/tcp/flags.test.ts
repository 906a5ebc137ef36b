import { describe, expect, it } from 'vitest';
import type { TcpFlags } from '../types';
import { flagNames } from './flags';

const none: TcpFlags = { syn: false, ack: false, fin: false, psh: false, rst: false };

describe('flagNames (RFC 9293 §3.1 control bits, named as Wireshark names them)', () => {
  it.each([
    ['syn', 'SYN'],
    ['fin', 'FIN'],
    ['rst', 'RST'],
    ['psh', 'PSH'],
    ['ack', 'ACK'],
  ] as const)('names %s alone as %s', (flag, name) => {
    expect(flagNames({ ...none, [flag]: true })).toEqual([name]);
  });

  it('names none for no flag, and the usual pairs in Wireshark\'s order ([SYN, ACK], [FIN, PSH, ACK], [RST, ACK])', () => {
    expect(flagNames(none)).toEqual([]);
    expect(flagNames({ ...none, syn: true, ack: true })).toEqual(['SYN', 'ACK']);
    expect(flagNames({ ...none, fin: true, psh: true, ack: true })).toEqual(['FIN', 'PSH', 'ACK']);
    expect(flagNames({ ...none, rst: true, ack: true })).toEqual(['RST', 'ACK']);
    expect(flagNames({ syn: true, ack: true, fin: true, psh: true, rst: true })).toEqual(['SYN', 'FIN', 'RST', 'PSH', 'ACK']);
  });
});
