import { describe, expect, it } from 'vitest';
import { describeControl } from './captions';
import type { OutSegment, SegmentReason } from './tcp/socketTypes';
import type { NodeId, TcpSegmentInfo, TcpState } from './types';

// The sentence and sprite label of each segment without data, from hand-built segments: the
// numbers in the sentence must be the segment's own (seq, ack, window, SACK edges).

const flags = { syn: false, ack: true, fin: false, psh: false, rst: false };
function caption(node: NodeId, reason: SegmentReason, info: Partial<TcpSegmentInfo> = {}, stateAfter: TcpState = 'ESTABLISHED') {
  const seg: OutSegment = { seq: 0, ack: 0, flags, window: 0, reason, stateAfter };
  return describeControl(node, seg, { srcPort: 1, dstPort: 2, seq: 1000, ack: 2000, flags, window: 65_535, payloadLength: 0, ...info });
}

describe('describeControl', () => {
  it('names the sender and its numbers in the handshake', () => {
    expect(caption('client', 'syn', { seq: 100 })).toEqual({ label: 'SYN', caption: 'Client asks to talk: SYN with its initial sequence number 100' });
    expect(caption('server', 'syn-ack', { seq: 300, ack: 101 })).toEqual({ label: 'SYN-ACK', caption: "Server agrees: its own ISN 300, and ack=101 confirms the client's" });
    expect(caption('client', 'syn-ack', { seq: 300, ack: 101 }).caption).toBe("Client agrees: its own ISN 300, and ack=101 confirms the peer's");
    expect(caption('client', 'ack-of-syn', { ack: 301 })).toEqual({ label: 'ACK', caption: "Client confirms the server's ISN with ack=301: the connection is open" });
    expect(caption('server', 'ack-of-syn', { ack: 101 }).caption).toBe("Server confirms the peer's ISN with ack=101: the connection is open");
    expect(caption('resolver', 'syn', { seq: 7 }).caption).toBe('Resolver asks to talk: SYN with its initial sequence number 7');
  });

  it('tells the first FIN from the one that closes the other side', () => {
    expect(caption('client', 'fin', { seq: 512 }, 'FIN_WAIT_1')).toEqual({ label: 'FIN', caption: 'Client is done sending: FIN (it uses sequence number 512)' });
    expect(caption('server', 'fin', { seq: 900 }, 'LAST_ACK')).toEqual({ label: 'FIN', caption: 'Server closes its side too: FIN' });
  });

  it('says what a duplicate ACK still expects, with the SACK blocks that arrived', () => {
    expect(caption('client', 'dup-ack', { ack: 1461 })).toEqual({ label: 'dup ACK', caption: 'Duplicate ACK: client still expects 1461, a later segment came first' });
    expect(caption('client', 'dup-ack', { ack: 1461, sack: [] }).caption).toBe('Duplicate ACK: client still expects 1461, a later segment came first');
    expect(caption('server', 'dup-ack', { ack: 1461, sack: [[2921, 4381], [5841, 7301]] }).caption).toBe('Duplicate ACK: server still expects 1461, a later segment came first; SACK says 2921–4381, 5841–7301 arrived');
  });

  it('window updates, probes and resets', () => {
    expect(caption('client', 'window-update', { window: 8192 })).toEqual({ label: 'win update', caption: 'Window update: the application read data, 8192 bytes of room again' });
    expect(caption('server', 'probe')).toEqual({ label: 'probe', caption: 'Zero-window probe: one byte, to ask whether the window has opened' });
    expect(caption('server', 'rst')).toEqual({ label: 'RST', caption: 'Server has no connection for this segment: RST' });
  });

  it('a plain ACK: after a FIN, into TIME_WAIT or CLOSE_WAIT, with a full buffer, or the next byte it expects', () => {
    expect(caption('client', 'ack', { ack: 5000 }, 'TIME_WAIT')).toEqual({ label: 'ACK', caption: 'Client acknowledges the FIN, then waits in TIME_WAIT for stray packets' });
    expect(caption('server', 'ack', { ack: 5000 }, 'CLOSE_WAIT')).toEqual({ label: 'ACK', caption: 'Server acknowledges the FIN with ack=5000; it may still send' });
    expect(caption('client', 'ack', { ack: 5000, window: 0 })).toEqual({ label: 'ACK win=0', caption: "Client's buffer is full: window 0, the sender must wait" });
    expect(caption('client', 'ack', { ack: 5000, window: 1 })).toEqual({ label: 'ACK', caption: 'Client acknowledges: the next byte it expects is 5000' });
    // The state decides before the window does.
    expect(caption('client', 'ack', { window: 0 }, 'TIME_WAIT')).toEqual({ label: 'ACK win=0', caption: 'Client acknowledges the FIN, then waits in TIME_WAIT for stray packets' });
    expect(caption('server', 'data', { ack: 77 }).caption).toBe('Server acknowledges: the next byte it expects is 77');
  });
});
