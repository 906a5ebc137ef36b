import { describe, expect, it } from 'vitest';
import { buildModel } from '../app/model';
import { scenarioIds, findScenario } from '../sim/scenarios';
import { landscapeLayout, layoutFor, minLaneGapS, portraitLayout, squareLayout } from './stageLayout';
import { laneY, layout, linkEndX, linkStartX, spriteWidth, spriteX } from './layout';

describe('layout', () => {
  for (const [id, reducedMotion] of scenarioIds().flatMap((id) => [[id, false], [id, true]] as const)) {
    it(`never lets two sprites on a lane overlap, at any frame (${id}${reducedMotion ? ', reduced motion' : ''})`, () => {
      const model = buildModel(findScenario(id)!);
      const evaluator = model.evaluatorFor(reducedMotion);
      let checked = 0;
      for (let frame = 0; frame < model.frameCount; frame++) {
        const view = evaluator.evaluate(frame);
        for (const lane of [0, 1]) {
          const boxes = view.flights
            .filter((f) => f.lane === lane)
            .map((f) => {
              const x = spriteX(f, f.progress, f.leftToRight);
              const half = spriteWidth(f) / 2 + layout.spriteNose;
              return { label: f.label, from: x - half, to: x + half };
            })
            .sort((a, b) => a.from - b.from);
          for (let i = 1; i < boxes.length; i++) {
            expect(boxes[i].from, `frame ${frame}: ${boxes[i - 1].label} and ${boxes[i].label}`).toBeGreaterThanOrEqual(boxes[i - 1].to);
            checked++;
          }
        }
      }
      if (!reducedMotion) expect(checked).toBeGreaterThan(0);
    });
  }

  it('never lets two sprites on a lane overlap in the portrait layout either (vertical videos)', () => {
    const model = buildModel(findScenario('https')!);
    const half = layout.spriteHeight / 2 + layout.spriteNose;
    let checked = 0;
    for (let frame = 0; frame < model.frameCount; frame++) {
      const flights = model.evaluator.evaluate(frame).flights;
      for (const lane of [0, 1]) {
        const ys = flights.filter((f) => f.lane === lane).map((f) => portraitLayout.sprite(f, f.progress, lane).y).sort((a, b) => a - b);
        for (let i = 1; i < ys.length; i++) {
          expect(ys[i] - ys[i - 1], `frame ${frame}`).toBeGreaterThanOrEqual(2 * half);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('picks the layout nearest the picture: landscape up to 4:3, square up to 3:4, portrait when taller', () => {
    const kind = (w: number, h: number) => layoutFor(w, h).kind;
    expect([kind(1280, 720), kind(1920, 1080), kind(800, 600), kind(360, 203)]).toEqual(['landscape', 'landscape', 'landscape', 'landscape']);
    expect([kind(1080, 1080), kind(1000, 1080), kind(1080, 1000), kind(600, 800)]).toEqual(['square', 'square', 'square', 'square']);
    expect([kind(720, 1280), kind(1080, 1920), kind(600, 801)]).toEqual(['portrait', 'portrait', 'portrait']);
  });

  it('keeps the square layout\'s sprites where landscape has them across (so the lane spacing holds), lower down', () => {
    const shape = { label: 'ClientHello', bytes: 583 };
    for (const lane of [0, 1])
      for (const progress of [0, 0.3, 1]) {
        const sq = squareLayout.sprite(shape, progress, lane);
        const land = landscapeLayout.sprite(shape, progress, lane);
        expect(sq.x).toBe(land.x);
        expect(sq.y - land.y).toBe(squareLayout.node.client.y - landscapeLayout.node.client.y);
      }
  });

  it('keeps every anchor and the inspector card inside the stage, in all three layouts', () => {
    for (const stage of [landscapeLayout, squareLayout, portraitLayout]) {
      const points = [stage.node.client, stage.node.server, stage.linkLabel, stage.header, stage.note, stage.clock, stage.banner, stage.skip, stage.caption, stage.legend, stage.brand, stage.card];
      for (const p of points) {
        expect(p.x, stage.kind).toBeGreaterThanOrEqual(0);
        expect(p.x, stage.kind).toBeLessThanOrEqual(stage.width);
        expect(p.y, stage.kind).toBeGreaterThanOrEqual(0);
        expect(p.y, stage.kind).toBeLessThanOrEqual(stage.height);
      }
      expect(stage.card.x + stage.card.width, stage.kind).toBeLessThanOrEqual(stage.width - 32);
      expect(stage.caption.wrap, stage.kind).toBeLessThanOrEqual(stage.width);
    }
  });

  it('keeps sprites between the hosts and on their lanes', () => {
    const big = { label: '{EE,Cert,CV,Fin} 1/2', bytes: 1500 };
    for (const progress of [0, 0.5, 1]) {
      const x = spriteX(big, progress, true);
      expect(x - spriteWidth(big) / 2).toBeGreaterThanOrEqual(linkStartX);
      expect(x + spriteWidth(big) / 2 + layout.spriteNose).toBeLessThanOrEqual(linkEndX);
    }
    expect(laneY(0)).toBeLessThan(laneY(1));
  });

  it('makes a sprite longer the more bytes its packet has', () => {
    expect(spriteWidth({ label: 'ACK', bytes: 1500 })).toBeGreaterThan(spriteWidth({ label: 'ACK', bytes: 52 }));
    expect(spriteWidth({ label: 'ACK', bytes: 1500 }) - spriteWidth({ label: 'ACK', bytes: 750 })).toBe(layout.bytesTail / 2);
  });

  it('asks a longer wait behind a long sprite than behind a short one', () => {
    const small = { label: 'ACK', bytes: 52 };
    const big = { label: '{EE,Cert,CV,Fin} 1/2', bytes: 1500 };
    expect(minLaneGapS(big, big, 1.2)).toBeGreaterThan(minLaneGapS(small, small, 1.2));
  });
});
