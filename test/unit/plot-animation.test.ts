/**
 * scatterAnimationFigure's Plotly JSON: frames, slider and play/pause buttons, and the arrows'
 * coordinates against p + scale·v computed here. (Playing the animation in a browser, in the
 * saved page and as JupyterLab draws it, is tested in display.test.ts.)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { arrowSegments, scatterAnimationFigure } from "../../lib/plot/animation";
import { COLOURS } from "../../lib/plot/figures";

type Obj = Record<string, unknown>;

const real = [[0, 1], [1, 0], [-1, 0]];
const frames = [
  { label: "0", fake: [[0.1, 0.2], [0.3, 0.4]], arrows: { at: [[0.1, 0.2], [0.3, 0.4]], vectors: [[1, -2], [0.5, 0.25]], scale: 0.1 } },
  { label: "10", fake: [0.5, 0.6, 0.7, 0.8] },
  { label: "20", fake: [[1, 1], [2, 2]], arrows: { at: [1, 1], vectors: [-3, 4], scale: 2 } },
];

test("scatterAnimationFigure: data is frame 0 over the real data; every frame replaces traces 1 and 2", () => {
  const fig = scatterAnimationFigure(frames, { real, range: [-3, 3], title: "first steps" });
  const data = fig.data as Obj[];
  assert.equal(data.length, 3);
  assert.deepEqual([data[0].x, data[0].y], [[0, 1, -1], [1, 0, 0]]);
  assert.equal((data[0].marker as Obj).color, COLOURS.real);
  assert.deepEqual([data[1].x, data[1].y], [[0.1, 0.3], [0.2, 0.4]]);
  assert.deepEqual([(data[1].marker as Obj).color, (data[1].marker as Obj).symbol], [COLOURS.fake, "circle-open"]);
  assert.deepEqual(fig.frames.map((f) => f.name), ["0", "10", "20"]);
  for (const f of fig.frames) assert.deepEqual(f.traces, [1, 2]);
  assert.deepEqual(fig.frames[0].data, data.slice(1), "the still figure shows the first frame");
  assert.deepEqual([fig.frames[1].data[0].x, fig.frames[1].data[0].y], [[0.5, 0.7], [0.6, 0.8]]);
  assert.deepEqual([fig.frames[1].data[1].x, fig.frames[1].data[1].y], [[], []], "no arrows: an empty trace keeps the trace count");
  const layout = fig.layout as Obj;
  assert.deepEqual([(layout.xaxis as Obj).range, (layout.yaxis as Obj).range, (layout.yaxis as Obj).scaleanchor], [[-3, 3], [-3, 3], "x"]);
  assert.deepEqual([(layout.xaxis as Obj).constrain, (layout.yaxis as Obj).constrain], ["domain", "domain"], "the square range is kept, the area shrinks");
});

test("scatterAnimationFigure: a slider step per frame and play/pause buttons that animate by frame name", () => {
  const fig = scatterAnimationFigure(frames, { real, range: [-3, 3], frameMs: 80, sliderPrefix: "step " });
  const layout = fig.layout as Obj;
  const slider = (layout.sliders as Obj[])[0];
  const steps = slider.steps as Obj[];
  assert.deepEqual(steps.map((s) => s.label), ["0", "10", "20"]);
  for (const [i, s] of steps.entries()) {
    assert.equal(s.method, "animate");
    assert.deepEqual((s.args as unknown[])[0], [fig.frames[i].name], "a step names its frame");
  }
  assert.deepEqual([slider.active, (slider.currentvalue as Obj).prefix], [0, "step "]);
  const buttons = ((layout.updatemenus as Obj[])[0].buttons as Obj[]);
  assert.deepEqual(buttons.map((b) => b.method), ["animate", "animate"]);
  const [play, pause] = buttons.map((b) => b.args as [unknown, Obj]);
  assert.equal(play[0], null, "play: all frames");
  assert.deepEqual([(play[1].frame as Obj).duration, play[1].fromcurrent], [80, true]);
  assert.deepEqual(pause[0], [null], "pause: the empty frame list stops the animation");
  assert.throws(() => scatterAnimationFigure([frames[0], frames[0]], { range: [-1, 1] }), /frame labels must be unique, got 0, 0/);
  assert.throws(() => scatterAnimationFigure([], { range: [-1, 1] }), /at least one frame/);
});

test("arrows: segment p → p + scale·v per point, null between segments, an arrowhead at the end only", () => {
  const fig = scatterAnimationFigure(frames, { range: [-3, 3] });
  const first = fig.frames[0].data[1];
  const at = [[0.1, 0.2], [0.3, 0.4]], vectors = [[1, -2], [0.5, 0.25]], scale = 0.1; // frame 0's arrows
  const x: (number | null)[] = [], y: (number | null)[] = [];
  at.forEach((p, i) => { x.push(p[0], p[0] + scale * vectors[i][0], null); y.push(p[1], p[1] + scale * vectors[i][1], null); });
  assert.deepEqual([first.x, first.y], [x, y]);
  const marker = first.marker as Obj;
  assert.deepEqual([marker.symbol, marker.angleref, marker.size], ["arrow", "previous", [0, 9, 0, 0, 9, 0]]);
  const last = fig.frames[2].data[1];
  assert.deepEqual([last.x, last.y], [[1, -5, null], [1, 9, null]]); // (1, 1) + 2·(−3, 4)
  assert.deepEqual(arrowSegments({ at: [], vectors: [], scale: 1 }), { x: [], y: [], size: [] });
  assert.throws(() => arrowSegments({ at: [[0, 0]], vectors: [], scale: 1 }), /1 points but 0 vectors/);
  assert.throws(() => arrowSegments({ at: [[0, 0]], vectors: [[1, 1]], scale: NaN }), /scale must be a finite number, got NaN/);
});
