import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from 'vitest/browser';
import { buildModel, type Model } from '../src/playback/model';
import { createCanvasView, type CanvasView } from '../src/render/canvasView';
import { findScenario } from '../src/sim/scenarios';
import { lightTheme } from '../src/render/theme';
import { timeToFrame } from '../src/timeline/eventsUpTo';
import { readPixels, samePixels, toPngBase64 } from '../src/render/pixels';

/** Pixels a golden may differ by: 0 on the pinned Chromium; a little room for nothing else. */
const BUDGET = 0;

let model: Model;
let view: CanvasView;

beforeAll(async () => {
  model = buildModel(findScenario('https')!);
  view = await createCanvasView({ labels: model.labels, width: 1280, height: 720, resolution: 1, preserveDrawingBuffer: true });
});

afterAll(() => view.destroy());

/** Compares with tests/goldens/NAME.png in Node; a mismatch leaves expected/actual/diff PNGs. */
async function expectGolden(name: string, pngBase64: string): Promise<void> {
  const result = await commands.compareGolden(name, pngBase64, BUDGET);
  expect(result.status, result.message).not.toBe('mismatch');
  expect(result.status, result.message).not.toBe('missing');
}

const draw = (frame: number) => {
  view.draw(model.evaluator.evaluate(frame));
  return readPixels(view);
};

const mid = (label: string) => {
  const f = model.plan.flights.find((x) => x.label === label)!;
  return timeToFrame((f.startS + f.endS) / 2, model.plan.fps);
};

describe('canvas', () => {
  it('renders with WebGL, not the Canvas fallback', () => {
    expect(view.rendererName).toBe('webgl');
    expect(view.canvas.width).toBe(1280);
    expect(view.canvas.height).toBe(720);
  });

  const frames: [string, () => number][] = [
    ['start', () => 0],
    ['syn-in-flight', () => mid('SYN')],
    ['established-banner', () => timeToFrame(model.plan.banners[0].startS + 0.6, model.plan.fps)],
    ['tls-mid-flight', () => mid('ServerHello {EE…Fin}')],
    ['http-response', () => mid('200 OK')],
    ['closed', () => model.frameCount - 1],
  ];

  for (const [name, frameOf] of frames) {
    it(`matches the golden: ${name}`, async () => {
      await expectGolden(name, toPngBase64(draw(frameOf())));
    });
  }

  it('draws crisp text at devicePixelRatio 2', async () => {
    view.resize(640, 360, 2);
    try {
      const px = draw(mid('ClientHello'));
      expect([px.width, px.height]).toEqual([1280, 720]);
      await expectGolden('dpr2-clienthello', toPngBase64(px));
    } finally {
      view.resize(1280, 720, 1);
    }
  });

  it('matches the golden in the light theme', async () => {
    const light = await createCanvasView({ labels: model.labels, width: 1280, height: 720, resolution: 1, preserveDrawingBuffer: true, theme: lightTheme });
    try {
      expect(light.rendererName).toBe('webgl');
      light.draw(model.evaluator.evaluate(mid('200 OK')));
      await expectGolden('light-http-response', toPngBase64(readPixels(light)));
    } finally {
      light.destroy();
    }
  });

  it('draws the chosen overlays for a video: an inspector card, no caption, no clock (golden)', async () => {
    const video = await createCanvasView({
      labels: model.labels,
      width: 1280,
      height: 720,
      resolution: 1,
      preserveDrawingBuffer: true,
      overlays: { caption: false, chapter: true, timestamp: false, card: true },
    });
    try {
      video.draw(model.evaluator.evaluate(mid('GET /')));
      await expectGolden('overlays-card-get', toPngBase64(readPixels(video)));
    } finally {
      video.destroy();
    }
  });

  const shapes = [
    { kind: 'portrait', width: 720, height: 1280, label: 'ServerHello {EE…Fin}', what: 'a vertical video top to bottom' },
    { kind: 'square', width: 1080, height: 1080, label: 'CCS, Finished', what: 'a square video with the link in the middle and a wide card below' },
  ] as const;
  for (const { kind, width, height, label, what } of shapes) {
    it(`lays ${what} (${kind} golden, ${width}×${height})`, async () => {
      const video = await createCanvasView({ labels: model.labels, width, height, resolution: 1, preserveDrawingBuffer: true, overlays: { caption: true, chapter: true, timestamp: true, card: true } });
      try {
        expect(video.scene.stage.kind).toBe(kind);
        video.draw(model.evaluator.evaluate(mid(label)));
        await expectGolden(`${kind}-${width}x${height}`, toPngBase64(readPixels(video)));
      } finally {
        video.destroy();
      }
    });
  }

  it('gives the same pixels whatever was shown before (seek a→b equals 0→b)', () => {
    const targets = [mid('SYN-ACK'), mid('ServerHello {EE…Fin}'), mid('GET /'), model.frameCount - 1, 5];
    for (const b of targets) {
      draw(0);
      const fromStart = draw(b);
      for (const a of [model.frameCount - 1, b + 7, Math.max(0, b - 40)]) {
        draw(a);
        expect(samePixels(draw(b).data, fromStart.data)).toBe(0);
      }
    }
  });

  // Draws every frame up to the ClientHello: slow under SwiftShader on a busy machine.
  it('gives the same pixels when played frame by frame as when sought', { timeout: 240_000 }, () => {
    const target = mid('ClientHello');
    draw(0);
    const sought = draw(target);
    for (let f = 0; f <= target; f++) view.draw(model.evaluator.evaluate(f));
    expect(samePixels(readPixels(view).data, sought.data)).toBe(0);
  });
});
