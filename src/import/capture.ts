/** What a pcap or pcapng file holds, before any protocol is read: frames of a link type, with times. */

export interface CaptureInterface {
  linkType: number;
  snapLength: number;
  name?: string;
  description?: string;
  /** Units per second of this interface's timestamps (pcapng if_tsresol; 1e6 by default). */
  unitsPerSecond: number;
  /** Seconds added to every timestamp (pcapng if_tsoffset). */
  offsetS: number;
}

export interface CapturedFrame {
  /** 1-based, as Wireshark numbers frames. */
  number: number;
  interfaceId: number;
  linkType: number;
  /** Microseconds since 1970 (fractional below 1 µs for nanosecond captures). */
  timeUs: number;
  originalLength: number;
  /** The captured bytes (may be shorter than originalLength when the snap length cut it). */
  data: Uint8Array;
  comments: string[];
  /** Where the frame's block or record starts in the file. */
  fileOffset: number;
}

export interface Capture {
  format: 'pcap' | 'pcapng';
  interfaces: CaptureInterface[];
  frames: CapturedFrame[];
  /** NSS key log text from Decryption Secrets Blocks (pcapng only). */
  keyLog: string;
  /** Section comments and the writing application, as given. */
  comments: string[];
  /** Blocks read but not used (statistics, name resolution, custom), counted by type. */
  skippedBlocks: Record<string, number>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(error: string): Result<T> => ({ ok: false, error });

/** "1,536": the byte offsets in messages read as a person writes them. */
export const at = (n: number): string => n.toLocaleString('en-US');
