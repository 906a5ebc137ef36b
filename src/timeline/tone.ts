import type { TcpState } from '../sim/types';

/** How a badge should look: the renderer colours tones, it does not know TCP states. */
export type Tone = 'idle' | 'opening' | 'open' | 'closing';

export function stateTone(state: TcpState): Tone {
  switch (state) {
    case 'CLOSED':
      return 'idle';
    case 'LISTEN':
    case 'SYN_SENT':
    case 'SYN_RCVD':
      return 'opening';
    case 'ESTABLISHED':
      return 'open';
    default:
      return 'closing';
  }
}
