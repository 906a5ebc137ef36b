import { describe, expect, it } from 'vitest';
import { buildModel } from '../playback/model';
import { scenarioIds, findScenario } from '../sim/scenarios';
import { minLaneGapS } from '../timeline/laneGap';
import { allLayouts, landscapeLayout, landscapeResolverLayout, layoutFor, portraitLayout, portraitResolverLayout, squareLayout } from './stageLayout';
import { laneY, layout, linkEndX, linkStartX, spriteWidth, spriteX } from './layout';
import { traceBuilder } from '../timeline/traceBuilder';
import { schedule } from '../timeline/schedule';
import { createEvaluator } from '../playback/engine';
import { FADE_S } from '../timeline/motion';

describe('layout', () => {
  // Every frame of the short scenarios; the first minute of long ones (bulk transfers run for hours of frames).
  const MAX_FRAMES = 60 * 60;
  const models = new Map<string, ReturnType<typeof buildModel>>();
  const modelOf = (id: string) => models.get(id) ?? models.set(id, buildModel(findScenario(id)!)).get(id)!;
  // bulk-100k's scale belongs to the bench; bulk's first minute covers dense runs here.
  for (const [id, reducedMotion] of scenarioIds().filter((id) => id !== 'bulk-100k').flatMap((id) => [[id, false], [id, true]] as const)) {
    it(`never lets two sprites on a lane overlap, at any frame (${id}${reducedMotion ? ', reduced motion' : ''})`, () => {
      const model = modelOf(id);
      const evaluator = model.evaluatorFor(reducedMotion);
      const stage = model.sim.resolver ? landscapeResolverLayout : landscapeLayout;
      let checked = 0;
      for (let frame = 0; frame < Math.min(model.frameCount, MAX_FRAMES); frame++) {
        const view = evaluator.evaluate(frame);
        for (const lane of stage.lanes) {
          const { from, to } = stage.lane(lane);
          const len = Math.hypot(to.x - from.x, to.y - from.y);
          const along = (f: (typeof view.flights)[number]) => {
            const p = stage.sprite(f, f.progress, lane);
            return (p.x * (to.x - from.x) + p.y * (to.y - from.y)) / len;
          };
          const boxes = view.flights
            .filter((f) => f.lane === lane)
            .map((f) => {
              const half = spriteWidth(f) / 2 + layout.spriteNose;
              return { label: f.label, from: along(f) - half, to: along(f) + half };
            })
            .sort((a, b) => a.from - b.from);
          for (let i = 1; i < boxes.length; i++) {
            // Compact sprites of a dense run may touch one another (they stream by); nothing else may.
            if (boxes[i].label === '' && boxes[i - 1].label === '') continue;
            expect(boxes[i].from, `frame ${frame}: ${boxes[i - 1].label} and ${boxes[i].label}`).toBeGreaterThanOrEqual(boxes[i - 1].to - 1e-6);
            checked++;
          }
        }
      }
      if (!reducedMotion) expect(checked).toBeGreaterThan(0);
    }, 120_000);
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

  it('keeps every anchor and the inspector card inside the stage, in all six layouts', () => {
    for (const stage of allLayouts) {
      const nodes = stage.hasResolver ? (['client', 'server', 'resolver'] as const) : (['client', 'server'] as const);
      const rings = nodes.flatMap((n) => [stage.timer(n, 0), stage.timer(n, 1)]);
      const points = [...rings, stage.readout('client'), stage.readout('server'), ...(stage.node.resolver ? [stage.node.resolver] : []), stage.node.client, stage.node.server, stage.linkLabel, stage.header, stage.note, stage.clock, stage.banner, stage.skip, stage.caption, stage.legend, stage.brand, stage.card];
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

  it('gives the resolver its own lanes in every shape, clear of the client–server link', () => {
    const query = { label: 'A? example.com', bytes: 60 };
    for (const stage of allLayouts.filter((s) => s.hasResolver)) {
      expect(stage.lanes).toEqual([0, 1, 2, 3]);
      const r = stage.node.resolver!;
      const size = stage.nodeSize.resolver;
      for (const progress of [0, 0.5, 1]) {
        const up = stage.sprite(query, progress, 2);
        const down = stage.sprite(query, progress, 3);
        // Between the client's box and the resolver's, never on the main link.
        expect(up.y, stage.kind).toBeLessThan(stage.node.client.y - stage.nodeSize.client.height / 2 + 1);
        expect(up.y, stage.kind).toBeGreaterThan(r.y + size.height / 2 - 30);
        expect(Math.hypot(up.x - down.x, up.y - down.y), stage.kind).toBeGreaterThanOrEqual(layout.spriteHeight);
      }
      // Away from the client, then back to it.
      const c = stage.node.client;
      const d = (p: { x: number; y: number }) => Math.hypot(p.x - c.x, p.y - c.y);
      expect(d(stage.sprite(query, 1, 2)), stage.kind).toBeGreaterThan(d(stage.sprite(query, 0, 2)));
      expect(d(stage.sprite(query, 1, 3)), stage.kind).toBeLessThan(d(stage.sprite(query, 0, 3)));
    }
    expect(layoutFor(1280, 720, true)).toBe(landscapeResolverLayout);
    expect(layoutFor(720, 1280, true)).toBe(portraitResolverLayout);
  });

  it('keeps DNS sprites apart on the short resolver lanes, in every shape (one at a time if need be)', () => {
    const b = traceBuilder({ resolver: true });
    b.packet('client', 'resolver', 'A? example.com', 0, 1_000);
    b.packet('client', 'resolver', 'AAAA? example.com', 10, 1_000);
    const plan = schedule(b.build(), { laneGapS: (x, y, lane) => minLaneGapS(x, y, 1.2, lane, true) });
    const ev = createEvaluator(plan);
    const [a, z] = plan.flights;
    expect(z.startS - a.startS).toBeLessThanOrEqual(1.2 + FADE_S + 1e-9);
    for (const stage of allLayouts.filter((s) => s.hasResolver)) {
      const { from, to } = stage.lane(2);
      const len = Math.hypot(to.x - from.x, to.y - from.y);
      for (let frame = 0; frame / 60 < plan.durationS; frame++) {
        const boxes = ev.evaluate(frame).flights.map((f) => {
          const p = stage.sprite(f, f.progress, f.lane);
          const c = (p.x * (to.x - from.x) + p.y * (to.y - from.y)) / len;
          const half = (stage.spriteAlong(2) ? spriteWidth(f) / 2 : layout.spriteHeight / 2) + layout.spriteNose;
          return [c - half, c + half];
        });
        if (boxes.length === 2) expect(Math.max(boxes[0][0], boxes[1][0]), `${stage.kind} frame ${frame}`).toBeGreaterThanOrEqual(Math.min(boxes[0][1], boxes[1][1]));
      }
    }
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
