import { describe, expect, it } from 'vitest';
import { createEndpoint, receiveSegment, sendSegment, expire2Msl } from './endpoint';
import { allowedInputs, nextTcpState } from './stateMachine';

const pair = (issA: number, issB: number) => ({
  a: createEndpoint(1000, issA, 65535, 'CLOSED'),
  b: createEndpoint(443, issB, 65535, 'LISTEN'),
});

describe('TCP endpoint', () => {
  it('wraps sequence numbers modulo 2^32', () => {
    const { a, b } = pair(0xfffffff0, 7);
    const syn = sendSegment(a, 443, { syn: true }).segment;
    receiveSegment(b, syn);
    const synAck = sendSegment(b, 1000, { syn: true }).segment;
    receiveSegment(a, synAck);
    const data = sendSegment(a, 443, {}, 100).segment;
    expect(data.seq).toBe(0xfffffff1);
    receiveSegment(b, data);
    const ack = sendSegment(b, 1000, {}).segment;
    expect(ack.ack).toBe((0xfffffff1 + 100) % 2 ** 32);
    expect(ack.ack).toBe(85);
    expect(a.sndNxt).toBe(85);
  });

  it('refuses a segment that is not the next in order', () => {
    const { a, b } = pair(1, 2);
    receiveSegment(b, sendSegment(a, 443, { syn: true }).segment);
    receiveSegment(a, sendSegment(b, 1000, { syn: true }).segment);
    sendSegment(a, 443, {}, 10); // lost
    const second = sendSegment(a, 443, {}, 10).segment;
    expect(() => receiveSegment(b, second)).toThrow(/out-of-order/);
  });

  it('goes through CLOSING on a simultaneous close', () => {
    const { a, b } = pair(1, 2);
    receiveSegment(b, sendSegment(a, 443, { syn: true }).segment);
    receiveSegment(a, sendSegment(b, 1000, { syn: true }).segment);
    receiveSegment(b, sendSegment(a, 443, {}).segment);
    expect([a.state, b.state]).toEqual(['ESTABLISHED', 'ESTABLISHED']);
    const finA = sendSegment(a, 443, { fin: true }).segment;
    const finB = sendSegment(b, 1000, { fin: true }).segment;
    expect([a.state, b.state]).toEqual(['FIN_WAIT_1', 'FIN_WAIT_1']);
    receiveSegment(a, finB);
    receiveSegment(b, finA);
    expect([a.state, b.state]).toEqual(['CLOSING', 'CLOSING']);
    receiveSegment(a, sendSegment(b, 1000, {}).segment);
    receiveSegment(b, sendSegment(a, 443, {}).segment);
    expect([a.state, b.state]).toEqual(['TIME_WAIT', 'TIME_WAIT']);
    expire2Msl(a);
    expect(a.state).toBe('CLOSED');
  });
});

describe('nextTcpState', () => {
  it('follows the RFC 9293 diagram and rejects what it does not allow', () => {
    expect(nextTcpState('CLOSED', 'active-open')).toBe('SYN_SENT');
    expect(nextTcpState('LISTEN', 'rcv-syn')).toBe('SYN_RCVD');
    expect(nextTcpState('SYN_SENT', 'rcv-syn')).toBe('SYN_RCVD');
    expect(nextTcpState('FIN_WAIT_2', 'rcv-fin')).toBe('TIME_WAIT');
    expect(() => nextTcpState('CLOSED', 'rcv-fin')).toThrow(/not allowed in CLOSED/);
    expect(() => nextTcpState('TIME_WAIT', 'close')).toThrow();
    expect(allowedInputs('TIME_WAIT')).toEqual(['timeout-2msl']);
  });
});
