import type { SceneOverlays } from '../render/scene';

/**
 * An exporter turns rendered frames into a file. The frame loop guarantees the order:
 * start → frame × N (each after the canvas holds that frame) → finish, or abort at any
 * point (then nothing is returned). Each format is one small module behind this interface.
 */
export interface Exporter {
  /** File name extension, without the dot. */
  readonly extension: string;
  readonly mimeType: string;
  start(settings: ExportSettings, canvas: HTMLCanvasElement): Promise<void>;
  /** `index` counts from 0; `timestampUs` is exactly index / fps. */
  frame(canvas: HTMLCanvasElement, index: number, timestampUs: number): Promise<void>;
  finish(): Promise<Uint8Array>;
  /** Releases encoders after a cancel or an error; must be safe to call more than once. */
  abort(): Promise<void>;
  /** For video formats: the WebCodecs codec string and bitrate used (the bench encodes the same way). */
  videoConfig?(settings: ExportSettings): { codec: string; bitrate: number };
}

export type ExportFormat = 'webm' | 'mp4' | 'gif' | 'png';

export interface ExportSettings {
  format: ExportFormat;
  width: number;
  height: number;
  fps: 24 | 30 | 60;
  /** Presentation seconds. */
  fromS: number;
  toS: number;
  /** What is drawn besides the diagram; defaults to what the page shows. */
  overlays?: SceneOverlays;
}

/** Exactly round((to − from) × fps) frames (the file's guarantee). */
export const exportFrameCount = (s: Pick<ExportSettings, 'fromS' | 'toS' | 'fps'>): number => Math.round((s.toS - s.fromS) * s.fps);
