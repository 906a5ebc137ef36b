import type { ExportSettings } from '../export/exporter';
import type { FrameView } from '../playback/frameState';
import { createCanvasView, type CanvasView } from '../render/canvasView';
import type { SceneLabels } from '../stage/labels';
import type { Theme } from '../render/theme';

export interface PreviewSource {
  labels: SceneLabels;
  theme: Theme;
  /** The picture at a moment of the scenario (presentation seconds). */
  frameAt(seconds: number): FrameView;
}

/** The largest the preview gets, in CSS pixels. */
const BOX = { width: 320, height: 240 };

/** The preview's CSS size: the export's shape, fitted into BOX. */
export function previewSize(width: number, height: number): [number, number] {
  const scale = Math.min(BOX.width / width, BOX.height / height);
  return [Math.max(2, Math.round(width * scale)), Math.max(2, Math.round(height * scale))];
}

/**
 * A small picture of the export before it is made (a moment of the chosen range, or the
 * still's moment), at the chosen shape (so the landscape, square or portrait layout), with
 * the chosen overlays, drawn by the same renderer the export uses.
 */
export class ExportPreview {
  readonly root = Object.assign(document.createElement('figure'), { className: 'export-preview' });
  private readonly caption = document.createElement('figcaption');
  private view?: Promise<CanvasView>;
  private destroyed = false;

  constructor(private readonly source: PreviewSource) {
    this.root.append(this.caption);
  }

  /** Draws the picture at `atS` (presentation seconds) as the export would, with `caption` under it. */
  async show(settings: ExportSettings, atS: number, caption: string): Promise<void> {
    const [w, h] = previewSize(settings.width, settings.height);
    this.view ??= createCanvasView({ labels: this.source.labels, width: w, height: h, resolution: devicePixelRatio, theme: this.source.theme, overlays: settings.overlays, preserveDrawingBuffer: true }).then((view) => {
      view.canvas.setAttribute('role', 'img');
      view.canvas.setAttribute('aria-label', 'preview of the video');
      this.root.prepend(view.canvas);
      return view;
    });
    const view = await this.view;
    if (this.destroyed) return;
    view.resize(w, h, devicePixelRatio);
    // Other overlays are other parts of the scene: rebuild it when they changed.
    if (settings.overlays && JSON.stringify(settings.overlays) !== JSON.stringify(view.scene.overlays)) {
      view.replaceScene(this.source.labels, this.source.theme, view.scene.stage, settings.overlays);
    }
    view.draw(this.source.frameAt(atS));
    this.caption.textContent = caption;
  }

  /** Frees the WebGL context (the dialog makes a new preview each time it opens). */
  destroy(): void {
    this.destroyed = true;
    void this.view?.then((view) => view.destroy());
    this.view = undefined;
  }
}
