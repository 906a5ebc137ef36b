import { describe, expect, it } from 'vitest';
import type { TlsIo } from './client';
import { dispatchRecord, receiveRecords } from './dispatchRecord';
import { Inbox, TlsAlertError } from './inbox';

// What all four endpoints do with an alert or application data (RFC 8446 §5.1, §6.1, §6.2), and
// how a fault found while reading becomes the alert the endpoint sends.

const alert = (level: number, description: number, name: string) => ({ kind: 'alert' as const, alert: { level, description, name } });
/** An application that takes only `send` (every other hook is optional). */
const bare = (): TlsIo => ({ send: () => {} });

describe('dispatchRecord', () => {
  it('close_notify is passed on and closes nothing; any other alert closes the connection before the app hears of it', () => {
    const heard: string[] = [];
    const io: TlsIo = { send: () => {}, closeNotify: () => heard.push('closeNotify'), failed: (a, r, sent) => heard.push(`failed ${a}: ${r} (${sent})`) };
    expect(dispatchRecord(alert(1, 0, 'close_notify'), 'connected', io, 'server', () => heard.push('close'))).toBeUndefined();
    dispatchRecord(alert(2, 40, 'handshake_failure'), 'connected', io, 'server', () => heard.push('close'));
    expect(heard).toEqual(['closeNotify', 'close', 'failed handshake_failure: the server sent it (false)']);
  });

  it('an application without the closeNotify, failed or data hooks is not called', () => {
    expect(() => dispatchRecord(alert(1, 0, 'close_notify'), 'connected', bare(), 'client', () => {})).not.toThrow();
    let closed = false;
    expect(() => dispatchRecord(alert(2, 20, 'bad_record_mac'), 'connected', bare(), 'client', () => (closed = true))).not.toThrow();
    expect(closed).toBe(true);
    expect(() => dispatchRecord({ kind: 'data', bytes: Uint8Array.of(1) }, 'connected', bare(), 'client', () => {})).not.toThrow();
  });

  it('application data reaches the app once connected; before, it is an unexpected_message (RFC 8446 §5.1)', () => {
    const got: number[][] = [];
    const io: TlsIo = { send: () => {}, data: (b) => got.push([...b]) };
    dispatchRecord({ kind: 'data', bytes: Uint8Array.of(1, 2) }, 'connected', io, 'server', () => {});
    expect(got).toEqual([[1, 2]]);
    const early = () => dispatchRecord({ kind: 'data', bytes: Uint8Array.of(3) }, 'wait-finished', io, 'server', () => {});
    expect(early).toThrow(new TlsAlertError('unexpected_message', 'application data before the handshake ended'));
    expect(early).toThrow(expect.objectContaining({ alert: 'unexpected_message' }));
    expect(got).toEqual([[1, 2]]);
  });

  it('a handshake message is handed back to the endpoint', () => {
    const message = { type: 20, name: 'Finished', body: new Uint8Array(32), raw: new Uint8Array(36) };
    expect(dispatchRecord({ kind: 'handshake', message }, 'wait-finished', bare(), 'client', () => {})).toBe(message);
  });
});

describe('receiveRecords', () => {
  it('a record that does not parse is decode_error; an alert the handler raises is sent as that alert', () => {
    const failed: string[] = [];
    const fail = (a: string, r: string) => failed.push(`${a}: ${r}`);
    // An Alert record of three bytes: RFC 8446 §6 says two.
    receiveRecords(new Inbox(), Uint8Array.of(21, 3, 3, 0, 3, 2, 40, 0), () => {}, fail);
    receiveRecords(new Inbox(), Uint8Array.of(22, 3, 3, 0, 4, 20, 0, 0, 0), () => {
      throw new TlsAlertError('unexpected_message', 'Finished before ServerHello');
    }, fail);
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatch(/^decode_error: /);
    expect(failed[1]).toBe('unexpected_message: Finished before ServerHello');
  });

  it('any other error is a bug in our code: it propagates instead of becoming an alert', () => {
    const failed: string[] = [];
    const bug = () =>
      receiveRecords(new Inbox(), Uint8Array.of(22, 3, 3, 0, 4, 20, 0, 0, 0), () => {
        throw new RangeError('a bug');
      }, (a) => failed.push(a));
    expect(bug).toThrow(RangeError);
    expect(failed).toEqual([]);
  });
});
