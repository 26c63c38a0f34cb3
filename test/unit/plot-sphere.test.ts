/**
 * The 3-D sphere figure: the surface mesh lies on S² (1e−12), grid lines keep their mapped
 * coordinates and get one legend entry per axis, the pole marker sits at (0, 0, 1), curves with
 * unequal coordinate arrays are refused; rendered in Chromium when one is available.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { PNG } from "pngjs";
import { geodesicArc, inverseStereographic, notesInverseStereographic, planeGridOnSphere } from "../../lib/geometry/stereographic";
import { sphereFigure, sphereMesh } from "../../lib/plot/sphere";
import { closeRenderer, findChromium, renderPng } from "../../lib/plot/render";

const skip = findChromium() === undefined ? "no Chromium found (set CHROMIUM_PATH)" : false;
after(closeRenderer);

type Trace = Record<string, unknown>;

const grid = planeGridOnSphere({ values: [-1, 0, 1], halfLength: 10, pointsPerLine: 31 });
const arc = geodesicArc(inverseStereographic([0.5, 0.5]), inverseStereographic([-2, 1]), 20);

test("sphereMesh: every vertex on the unit sphere, poles at the ends", () => {
  const m = sphereMesh(12);
  assert.equal(m.x.length, 13);
  m.x.forEach((row, i) => row.forEach((x, j) => assert.ok(Math.abs(Math.hypot(x, m.y[i][j], m.z[i][j]) - 1) < 1e-12)));
  assert.deepEqual([m.z[0][0], m.z[12][0]], [1, -1]);
  assert.throws(() => sphereMesh(2), /resolution must be an integer ≥ 4, got 2/);
});

test("sphereFigure: surface, grid lines, a curve, the notes' points and the north pole", () => {
  const notes = planeGridOnSphere({ values: [0.5], halfLength: 5, pointsPerLine: 11, map: notesInverseStereographic })[0].mapped;
  const fig = sphereFigure({ title: "Π⁻¹ of a grid", grid, curves: [{ name: "geodesic", curve: arc, colour: "black" }], points: [{ name: "notes' variant", points: notes }] });
  const traces = fig.data as Trace[];
  assert.deepEqual(traces.map((t) => t.type), ["surface", ...Array(6).fill("scatter3d"), "scatter3d", "scatter3d", "scatter3d"]);
  const lines = traces.slice(1, 7);
  assert.deepEqual(lines.map((t) => t.showlegend), [true, false, false, true, false, false]);
  // x = c lines come first, in the order of the grid
  assert.deepEqual(lines[1].z, grid.filter((l) => l.axis === "x")[1].mapped.z);
  assert.deepEqual(traces[7].x, arc.x);
  const pole = traces[9];
  assert.deepEqual([pole.x, pole.y, pole.z], [[0], [0], [1]]);
  assert.equal(((fig.layout as Trace).scene as Trace).aspectmode, "cube");
  assert.ok(!JSON.stringify(fig).includes("NaN"));
  assert.equal(sphereFigure({ northPole: false }).data.length, 1);
});

test("sphereFigure: curves of one group share one legend entry and toggle together", () => {
  const lines = planeGridOnSphere({ values: [0, 1], halfLength: 5, pointsPerLine: 11, map: notesInverseStereographic }).map((l) => l.mapped);
  const fig = sphereFigure({ northPole: false, curves: [...lines.map((curve) => ({ name: "notes", curve, group: "notes" })), { name: "arc", curve: arc }] });
  const traces = (fig.data as Trace[]).slice(1);
  assert.deepEqual(traces.map((t) => t.showlegend), [true, false, false, false, true]);
  assert.deepEqual(traces.map((t) => t.legendgroup), ["notes", "notes", "notes", "notes", "curve-4"]);
});

test("sphereFigure refuses a curve whose coordinate arrays differ in length", () => {
  assert.throws(() => sphereFigure({ curves: [{ name: "bad", curve: { x: [0, 1], y: [0], z: [1, 0] } }] }), /curve "bad": x, y, z have lengths 2, 1, 2/);
});

test("the sphere figure renders in Chromium (PNG with plotted colours)", { skip, timeout: 120_000 }, async () => {
  const png = PNG.sync.read(await renderPng(sphereFigure({ grid, curves: [{ name: "geodesic", curve: arc }] }), { width: 400, height: 400 }, 1));
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
  assert.ok(colours.size > 10, `${colours.size} colours`);
});
