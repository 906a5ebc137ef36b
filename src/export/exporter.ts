import type { SceneOverlays } from '../render/scene';

/**
 * An exporter turns rendered frames into a file. The frame loop guarantees the order:
 * start → frame × N (each after the canvas holds that frame) → finish, or abort at any
 * point (then nothing is returned). Each format is one small module behind this interface.
 */
export interface Exporter {
  start(settings: ExportSettings, canvas: HTMLCanvasElement): Promise<void>;
  /** `index` counts from 0; `timestampUs` is exactly index / fps. */
  frame(canvas: HTMLCanvasElement, index: number, timestampUs: number): Promise<void>;
  finish(): Promise<Uint8Array>;
  /** Releases encoders after a cancel or an error; must be safe to call more than once. */
  abort(): Promise<void>;
  /** For video formats: the WebCodecs codec string and bitrate used (the bench encodes the same way). */
  videoConfig?(settings: ExportSettings): { codec: string; bitrate: number };
}

/** Videos, a GIF, every frame as a PNG in a zip, or one PNG of one moment (a still). */
export type ExportFormat = 'webm' | 'mp4' | 'gif' | 'png' | 'still';

/** What each format writes: the file's extension (without the dot) and its media type. */
export const FORMAT_FILES: Record<ExportFormat, { extension: string; mimeType: string }> = {
  webm: { extension: 'webm', mimeType: 'video/webm' },
  mp4: { extension: 'mp4', mimeType: 'video/mp4' },
  gif: { extension: 'gif', mimeType: 'image/gif' },
  png: { extension: 'zip', mimeType: 'application/zip' },
  still: { extension: 'png', mimeType: 'image/png' },
};

/** The settings for a still: the one frame at `atS`. */
export const stillAt = (atS: number, s: Omit<ExportSettings, 'format' | 'fromS' | 'toS'>): ExportSettings => ({ ...s, format: 'still', fromS: atS, toS: atS + 1 / s.fps });

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

/** The sizes an export may have: even numbers (the video encoders need them) from 16 to 3840 pixels. */
export const EXPORT_SIZE = { min: 16, max: 3840 } as const;
export const isExportDimension = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= EXPORT_SIZE.min && n <= EXPORT_SIZE.max && n % 2 === 0;

/** Exactly round((to − from) × fps) frames (the file's guarantee). */
export const exportFrameCount = (s: Pick<ExportSettings, 'fromS' | 'toS' | 'fps'>): number => Math.round((s.toS - s.fromS) * s.fps);

/** The presentation time of export frame n: exactly from + n / fps (the page's 60 fps grid plays no part). */
export const exportFrameTime = (s: Pick<ExportSettings, 'fromS' | 'fps'>, n: number): number => s.fromS + n / s.fps;
