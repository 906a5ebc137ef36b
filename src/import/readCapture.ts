import { type Capture, fail, type Result } from './capture';
import { isPcap, readPcap } from './pcap';
import { isPcapng, readPcapng } from './pcapng';

/** Reads a pcap or pcapng file by its first bytes (not its name). Never throws. */
export function readCapture(bytes: Uint8Array): Result<Capture> {
  try {
    if (bytes.length === 0) return fail('the file is empty (0 bytes): choose a .pcap or .pcapng capture');
    if (isPcapng(bytes)) return readPcapng(bytes);
    if (isPcap(bytes)) return readPcap(bytes);
    const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    const text = bytes.subarray(0, 64).every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127));
    return fail(`not a capture: the file starts with ${head}${text ? ' (it looks like text)' : ''}, not a pcap or pcapng header. Save the capture as pcap or pcapng (Wireshark: File › Save As)`);
  } catch (e) {
    // The readers check lengths before reading; this is the last guard that keeps the app alive.
    return fail(`could not read the capture: ${(e as Error).message}`);
  }
}
