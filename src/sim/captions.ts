import type { OutSegment } from './tcp/socket';
import type { NodeId, TcpSegmentInfo } from './types';

const who = (node: NodeId) => (node === 'client' ? 'Client' : node === 'server' ? 'Server' : 'Resolver');

/** Label and caption of a segment without application data, from its numbers and why it was sent. */
export function describeControl(node: NodeId, seg: OutSegment, info: TcpSegmentInfo): { label: string; caption: string } {
  const name = who(node);
  switch (seg.reason) {
    case 'syn':
      return { label: 'SYN', caption: `${name} asks to talk: SYN with its initial sequence number ${info.seq}` };
    case 'syn-ack':
      return { label: 'SYN-ACK', caption: `${name} agrees: its own ISN ${info.seq}, and ack=${info.ack} confirms the ${node === 'server' ? "client's" : "peer's"}` };
    case 'ack-of-syn':
      return { label: 'ACK', caption: `${name} confirms the ${node === 'client' ? "server's" : "peer's"} ISN with ack=${info.ack}: the connection is open` };
    case 'fin':
      return { label: 'FIN', caption: seg.stateAfter === 'LAST_ACK' ? `${name} closes its side too: FIN` : `${name} is done sending: FIN (it uses sequence number ${info.seq})` };
    case 'dup-ack': {
      const sack = info.sack?.length ? `; SACK says ${info.sack.map(([l, r]) => `${l}–${r}`).join(', ')} arrived` : '';
      return { label: 'dup ACK', caption: `Duplicate ACK: ${name.toLowerCase()} still expects ${info.ack}, a later segment came first${sack}` };
    }
    case 'window-update':
      return { label: 'win update', caption: `Window update: the application read data, ${info.window} bytes of room again` };
    case 'probe':
      return { label: 'probe', caption: `Zero-window probe: one byte, to ask whether the window has opened` };
    case 'rst':
      return { label: 'RST', caption: `${name} has no connection for this segment: RST` };
    default:
      return { label: info.window === 0 ? 'ACK win=0' : 'ACK', caption: ackCaption(name, seg, info) };
  }
}

function ackCaption(name: string, seg: OutSegment, info: TcpSegmentInfo): string {
  if (seg.stateAfter === 'TIME_WAIT') return `${name} acknowledges the FIN, then waits in TIME_WAIT for stray packets`;
  if (seg.stateAfter === 'CLOSE_WAIT') return `${name} acknowledges the FIN with ack=${info.ack}; it may still send`;
  if (info.window === 0) return `${name}'s buffer is full: window 0, the sender must wait`;
  return `${name} acknowledges: the next byte it expects is ${info.ack}`;
}
