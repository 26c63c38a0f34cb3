/**
 * The figure builders' Plotly JSON, checked structurally against values computed here
 * independently: axes per panel, domains, equal aspect, band polygons, clipped error bars,
 * density bars against a brute-force count, label positions against the mosaic's pixels.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { PNG } from "pngjs";
import { bandFigure, bandPolygon, intervalBand, quantileBand, ratioBand, sdBand } from "../../lib/plot/bands";
import { densityHistogramFigure, linspace } from "../../lib/plot/density";
import { clippedBar, errorBarFigure } from "../../lib/plot/errorbars";
import { COLOURS, seriesColour, withAlpha } from "../../lib/plot/figures";
import { heatmapGridFigure } from "../../lib/plot/heatmaps";
import { imageRowsFigure, tileCentre } from "../../lib/plot/image-rows";
import { panelAxes, panelFigureSize, panelGrid } from "../../lib/plot/panels";
import { closeRenderer, findChromium, PlotlyFigure, renderPng, renderSvg } from "../../lib/plot/render";
import { scatterGridFigure } from "../../lib/plot/scatter-grid";
import { imageGridFigure } from "../../lib/plot/figures";
import { Rng } from "../../lib/util/rng";

const skip = findChromium() === undefined ? "no Chromium found (set CHROMIUM_PATH)" : false;
after(closeRenderer);

type Obj = Record<string, unknown>;
const traces = (f: PlotlyFigure) => f.data as Obj[];
const layoutOf = (f: PlotlyFigure) => f.layout as Obj;
const axis = (f: PlotlyFigure, key: string) => layoutOf(f)[key] as Obj;
/** layout key of a trace's axis reference: "x" → "xaxis", "y3" → "yaxis3" */
const keyOf = (ref: string) => ref.replace(/^([xy])/, "$1axis");

/** Every trace is drawn in axes the layout has, anchored to each other. */
function assertTracesOnOwnAxes(f: PlotlyFigure): void {
  for (const t of traces(f)) {
    const x = (t.xaxis as string) ?? "x", y = (t.yaxis as string) ?? "y";
    assert.ok(axis(f, keyOf(x)), `layout has ${keyOf(x)}`);
    assert.equal(axis(f, keyOf(x)).anchor, y, `${x} anchored to ${y}`);
    assert.equal(axis(f, keyOf(y)).anchor, x, `${y} anchored to ${x}`);
  }
}

test("panelGrid: one axis pair per panel, equal cells without overlap, scaleanchor to its own x axis, titles on their panel", () => {
  const rows = 2, cols = 3;
  const { layout, axes } = panelGrid({ rows, cols, equalAspect: true, panelTitles: ["a", undefined, "c", "d", "e", "f"], xRange: () => [-1, 1], yRange: () => [-1, 1] });
  const cells: { x: number[]; y: number[] }[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    const ax = axes(r, c);
    assert.deepEqual(ax, panelAxes(r, c, cols));
    const i = r * cols + c + 1;
    assert.equal(ax.x, i === 1 ? "x" : `x${i}`);
    const xa = layout[ax.xKey] as Obj, ya = layout[ax.yKey] as Obj;
    assert.equal(ya.scaleanchor, ax.x);
    assert.equal(xa.constrain, "domain");
    assert.equal(xa.showticklabels, true, "ticks on every panel");
    assert.deepEqual([xa.range, ya.range], [[-1, 1], [-1, 1]]);
    cells.push({ x: xa.domain as number[], y: ya.domain as number[] });
  }
  const w = cells[0].x[1] - cells[0].x[0], h = cells[0].y[1] - cells[0].y[0];
  for (const [k, cell] of cells.entries()) {
    assert.ok(Math.abs(cell.x[1] - cell.x[0] - w) < 1e-12 && Math.abs(cell.y[1] - cell.y[0] - h) < 1e-12, `cell ${k} has the size of cell 0`);
    assert.ok(cell.x[0] >= 0 && cell.x[1] <= 1 + 1e-12 && cell.y[0] >= -1e-12 && cell.y[1] <= 1);
    for (const [j, other] of cells.entries()) {
      if (j <= k) continue;
      const overlap = Math.min(cell.x[1], other.x[1]) > Math.max(cell.x[0], other.x[0]) && Math.min(cell.y[1], other.y[1]) > Math.max(cell.y[0], other.y[0]);
      assert.ok(!overlap, `cells ${k} and ${j} overlap`);
    }
  }
  assert.ok(cells[0].y[0] > cells[3].y[1], "row 0 above row 1");
  const notes = layout.annotations as Obj[];
  assert.deepEqual(notes.map((a) => [a.text, a.xref, a.yref]), [["a", "x domain", "y domain"], ["c", "x3 domain", "y3 domain"], ["d", "x4 domain", "y4 domain"], ["e", "x5 domain", "y5 domain"], ["f", "x6 domain", "y6 domain"]]);
  assert.throws(() => panelGrid({ rows: 0, cols: 2 }), /rows must be an integer ≥ 1, got 0/);
  const size = panelFigureSize(5, 3, 240);
  assert.ok(size.width > 3 * 240 && size.height > 5 * 240);
});

test("scatterGridFigure: each panel's real and fake points in its own axes, GAN Lab colours, square ranges, titles and legend once", () => {
  const rng = new Rng(3);
  const rows = 2, cols = 2;
  const panels = Array.from({ length: 4 }, (_, i) => ({ real: rng.normalArray(20), fake: Array.from({ length: 5 }, (_, k) => [k, i]), range: [-(i + 1), i + 1] as [number, number] }));
  const fig = scatterGridFigure(panels, { rows, cols, colTitles: ["gaussian", "spiral"], rowTitles: ["latent 1", "latent 2"] });
  assertTracesOnOwnAxes(fig);
  const t = traces(fig);
  assert.equal(t.length, 8);
  panels.forEach((p, i) => {
    const [real, fake] = [t[2 * i], t[2 * i + 1]];
    const ax = panelAxes(Math.floor(i / cols), i % cols, cols);
    assert.deepEqual([real.xaxis, real.yaxis, fake.xaxis, fake.yaxis], [ax.x, ax.y, ax.x, ax.y]);
    assert.deepEqual(real.x, Array.from({ length: 10 }, (_, k) => p.real[2 * k]));
    assert.deepEqual(real.y, Array.from({ length: 10 }, (_, k) => p.real[2 * k + 1]));
    assert.deepEqual([fake.x, fake.y], [[0, 1, 2, 3, 4], [i, i, i, i, i]]);
    assert.equal((real.marker as Obj).color, COLOURS.real);
    assert.deepEqual([(fake.marker as Obj).color, (fake.marker as Obj).symbol], [COLOURS.fake, "circle-open"]);
    assert.deepEqual([axis(fig, ax.xKey).range, axis(fig, ax.yKey).range], [p.range, p.range]);
    assert.equal(axis(fig, ax.yKey).scaleanchor, ax.x);
    assert.equal((axis(fig, ax.yKey).title as Obj).text, i % cols === 0 ? `latent ${Math.floor(i / cols) + 1}` : "");
  });
  assert.deepEqual(t.map((x) => x.showlegend), [true, true, false, false, false, false, false, false]);
  assert.deepEqual((layoutOf(fig).annotations as Obj[]).map((a) => a.text), ["gaussian", "spiral"]);
  assert.throws(() => scatterGridFigure(panels, { rows: 1, cols: 3 }), /4 panels do not fit a 1×3 grid/);
  assert.throws(() => scatterGridFigure(panels, { rows, cols, rowTitles: ["one"] }), /rowTitles has 1 entries, expected 2/);
});

test("heatmapGridFigure: z[j][i] = f(x[i], y[j]), shared colour scale and one colour bar, overlays in the heat map's axes, lines split by null", () => {
  const x = [-1, 0, 1], y = [-2, 2];
  const f = (a: number, b: number, k: number) => 0.1 * a + 0.01 * b + k;
  const panels = [0, 1].map((k) => ({
    title: `latent ${k + 1}`, x, y, z: y.flatMap((b) => x.map((a) => f(a, b, k))),
    overlays: [
      { kind: "points" as const, name: "real data", points: [[0.5, 0.5], [0.2, -1]] },
      { kind: "lines" as const, name: "G(grid)", lines: [{ x: [0, 1], y: [0, 1] }, { x: [1, 2, 3], y: [1, 0, 1] }] },
    ],
  }));
  const fig = heatmapGridFigure(panels, { rows: 1, cols: 2, zRange: [0, 1], colourbarTitle: "D(x)" });
  assertTracesOnOwnAxes(fig);
  const maps = traces(fig).filter((t) => t.type === "heatmap");
  assert.equal(maps.length, 2);
  maps.forEach((m, k) => {
    const z = m.z as number[][];
    y.forEach((b, j) => x.forEach((a, i) => assert.equal(z[j][i], f(a, b, k))));
    assert.deepEqual([m.zmin, m.zmax], [0, 1]);
  });
  assert.deepEqual(maps.map((m) => m.showscale), [false, true]);
  const t = traces(fig);
  for (let k = 0; k < 2; k++) {
    const [map, pts, lines] = t.slice(3 * k, 3 * k + 3);
    assert.deepEqual([pts.xaxis, lines.xaxis], [map.xaxis, map.xaxis]);
    assert.deepEqual([pts.x, pts.y], [[0.5, 0.2], [0.5, -1]]);
    assert.deepEqual([lines.x, lines.y], [[0, 1, null, 1, 2, 3], [0, 1, null, 1, 0, 1]]);
    assert.deepEqual([pts.showlegend, lines.showlegend], [k === 0, k === 0]);
  }
  // default ranges: the cell edges, half a cell beyond the first and last centre
  assert.deepEqual(axis(fig, "xaxis").range, [-1.5, 1.5]);
  assert.deepEqual(axis(fig, "yaxis2").range, [-4, 4]);
  assert.equal(axis(fig, "yaxis2").scaleanchor, "x2");
  assert.throws(() => heatmapGridFigure([{ x, y, z: [1, 2, 3] }], { rows: 1, cols: 1, zRange: [0, 1] }), /length 3, expected 2·3 = 6/);
  assert.throws(() => heatmapGridFigure(panels, { rows: 1, cols: 2, zRange: [1, 0] }), /zmin < zmax/);
});

test("densityHistogramFigure: bar heights equal a brute-force count/(n·width), curves equal the pdf, values outside the range are reported", () => {
  const values = Array.from(new Rng(9).normalArray(3000));
  const lo = -2.5, hi = 2.5, bins = 25;
  const pdf = (v: number) => Math.exp(-v * v / 2) / Math.sqrt(2 * Math.PI);
  const fig = densityHistogramFigure([{ name: "z", values }], [{ name: "N(0, 1)", pdf }], { bins, lo, hi, xTitle: "z" });
  const [bars, curve] = traces(fig);
  const width = (hi - lo) / bins;
  assert.equal(bars.width, width);
  const heights = bars.y as number[];
  for (let j = 0; j < bins; j++) {
    const a = lo + j * width, b = lo + (j + 1) * width;
    const count = values.filter((v) => v >= a && (j === bins - 1 ? v <= b : v < b)).length;
    assert.ok(Math.abs(heights[j] - count / (values.length * width)) < 1e-12, `bin ${j}`);
  }
  const inside = values.filter((v) => v >= lo && v <= hi).length / values.length;
  assert.ok(Math.abs(heights.reduce((s, h) => s + h * width, 0) - inside) < 1e-12, "area = share inside");
  const xs = curve.x as number[];
  assert.deepEqual([xs.length, xs[0], xs[xs.length - 1]], [400, lo, hi]);
  xs.forEach((v, i) => assert.equal((curve.y as number[])[i], pdf(v)));
  const below = values.filter((v) => v < lo).length, above = values.filter((v) => v > hi).length;
  assert.ok(below + above > 0);
  assert.equal((layoutOf(fig).annotations as Obj[])[0].text, `outside [${lo}, ${hi}], not drawn: z: ${below} below, ${above} above`);
  assert.deepEqual([layoutOf(fig).barmode, axis(fig, "xaxis").range], ["overlay", [lo, hi]]);
  const all = densityHistogramFigure([{ name: "z", values: [0, 1] }], [], { bins: 2, lo: -1, hi: 2 });
  assert.deepEqual(layoutOf(all).annotations, []);
  assert.deepEqual(linspace(0, 1, 5), [0, 0.25, 0.5, 0.75, 1]);
});

test("bandFigure: a closed polygon upper → reversed lower under its line, labelled; additive bands and bounds ≤ 0 refused on log axes", () => {
  const x = [1, 10, 100], m = [1, 3, 10], s = [0.2, 0.5, 2];
  const sd = sdBand(m, s);
  assert.deepEqual([sd.lower, sd.upper, sd.label], [[0.8, 2.5, 8], [1.2, 3.5, 12], "mean ± sd"]);
  assert.equal(sdBand(m, s, 2).label, "mean ± 2 sd");
  assert.deepEqual(bandPolygon(x, sd), { x: [1, 10, 100, 100, 10, 1], y: [1.2, 3.5, 12, 8, 2.5, 0.8] });
  const fig = bandFigure([{ name: "normal", x, centre: m, band: sd, colour: "rgb(31,119,180)" }], { title: "t" }, [{ name: "exact", x, y: m }]);
  const [poly, line, extra] = traces(fig);
  assert.deepEqual([poly.fill, poly.name, poly.fillcolor], ["toself", "normal: mean ± sd", withAlpha("rgb(31,119,180)", 0.2)]);
  assert.deepEqual([poly.x, poly.y], [bandPolygon(x, sd).x, bandPolygon(x, sd).y]);
  assert.deepEqual([line.name, line.y], ["normal: mean", m]);
  assert.equal(extra.name, "exact");
  assert.throws(() => bandFigure([{ name: "normal", x, centre: m, band: sd }], { logY: true }), /series "normal" has an additive band \(mean ± sd\) on a log y axis/);
  assert.throws(() => bandFigure([{ name: "ci", x, centre: m, band: intervalBand([0.5, 2, 9], [1.5, 4, 11], "95 % t interval") }], { logY: true }), /additive band/);
  const q = quantileBand([0.5, 2, 6], [2, 5, 20], 0.05, 0.95);
  assert.equal(q.label, "5–95 % quantiles");
  const logFig = bandFigure([{ name: "lerp", x, centre: m, band: q }], { logY: true, logX: true });
  assert.deepEqual([axis(logFig, "yaxis").type, axis(logFig, "xaxis").type], ["log", "log"]);
  assert.throws(() => bandFigure([{ name: "lerp", x, centre: m, band: quantileBand([0, 2, 6], [2, 5, 20], 0.05, 0.95) }], { logY: true }), /lower bound 0 ≤ 0 at x = 1/);
  const r = ratioBand(m, 2);
  assert.deepEqual([r.lower, r.upper, r.label, r.kind], [[0.5, 1.5, 5], [2, 6, 20], "×/÷ 2", "ratio"]);
  bandFigure([{ name: "r", x, centre: m, band: r }], { logY: true }); // allowed
  assert.throws(() => ratioBand(m, 0.5), /factor must be ≥ 1, got 0.5/);
  assert.throws(() => bandFigure([{ name: "bad", x, centre: [1, 3, 20], band: sd }]), /centre 20 is not within its band \[8, 12\]/);
  assert.throws(() => bandFigure([{ name: "short", x: [1, 2], centre: m, band: sd }]), /has 2 x values but 3 in centre/);
});

test("errorBarFigure: bars clipped to the metric's range, computed independently; hover keeps the interval; one axis pair per panel", () => {
  const cats = [1, 2, 3, 10, 100];
  const centre = [7, 8, 7.6, 3, 0.5], lower = [4.2, 8, 6.9, 1.5, -0.6], upper = [9.8, 8, 8.3, 4.5, 1.6];
  const kl = { name: "KL", categories: cats, centre: [3, 0.2, 0.1, 0.12, 0.3], lower: [1.6, -0.05, 0.02, -0.1, 0.1], upper: [4.4, 0.45, 0.18, 0.34, 0.5] };
  const fig = errorBarFigure([
    { title: "modes covered", range: [0, 8], series: [{ name: "mean", categories: cats, centre, lower, upper }] },
    { title: "KL(data‖G)", range: [0, Infinity], series: [kl] },
  ], { intervalLabel: "95 % t interval of the mean over 5 seeds", xTitle: "latent size" });
  assertTracesOnOwnAxes(fig);
  const [modes, k] = traces(fig);
  const e = modes.error_y as Obj;
  const plus = e.array as number[], minus = e.arrayminus as number[];
  cats.forEach((_, i) => {
    assert.ok(Math.abs(centre[i] + plus[i] - Math.min(upper[i], 8)) < 1e-12, `upper end ${i}`);
    assert.ok(Math.abs(centre[i] - minus[i] - Math.max(lower[i], 0)) < 1e-12, `lower end ${i}`);
    assert.ok(centre[i] + plus[i] <= 8 && centre[i] - minus[i] >= 0);
  });
  assert.equal(e.symmetric, false);
  assert.deepEqual(modes.x, ["1", "2", "3", "10", "100"]);
  assert.match((modes.text as string[])[0], /^7 \[4\.2, 9\.8\], bar clipped to \[0, 8\]$/);
  assert.equal((modes.text as string[])[2], "7.6 [6.9, 8.3], bar clipped to [0, 8]");
  assert.equal((modes.text as string[])[3], "3 [1.5, 4.5]");
  const ke = k.error_y as Obj;
  // lower ends max(lower, 0): the two negative lower bounds are clipped to 0
  (ke.arrayminus as number[]).forEach((v, i) => assert.ok(Math.abs(kl.centre[i] - v - [1.6, 0, 0.02, 0, 0.1][i]) < 1e-12, `KL lower end ${i}`));
  assert.deepEqual(axis(fig, "yaxis").range, [-0.24, 8.24]);
  assert.equal(axis(fig, "yaxis2").rangemode, "tozero");
  assert.deepEqual([axis(fig, "xaxis").type, axis(fig, "xaxis2").type], ["category", "category"]);
  assert.equal(((layoutOf(fig).legend as Obj).title as Obj).text, "bars: 95 % t interval of the mean over 5 seeds");
  assert.equal(layoutOf(fig).scattermode, "group");
  assert.throws(() => clippedBar(9, 8, 10, [0, 8]), /centre 9 outside the metric's range \[0, 8\]/);
  assert.throws(() => clippedBar(5, 6, 7, [0, 8]), /centre 5 outside its interval \[6, 7\]/);
  assert.throws(() => clippedBar(1, -Infinity, Infinity, [-Infinity, Infinity]), /unbounded/);
  assert.deepEqual(clippedBar(1, -Infinity, Infinity, [0, 8]), { plus: 7, minus: 1, clipped: true });
  assert.throws(() => errorBarFigure([{ range: [0, 1], logY: true, series: [] }], { intervalLabel: "x" }), /log y axis but its range starts at 0/);
});

test("errorBarFigure references: one dashed line per panel at the value across its categories, one legend entry, finite values only", () => {
  const s = { name: "KL", categories: [1, 2, 3], centre: [2, 0.5, 0.1], lower: [1.5, 0.3, 0], upper: [2.5, 0.7, 0.2] };
  const floor = { name: "estimator floor", value: 0.004 };
  const fig = errorBarFigure([{ range: [0, Infinity], series: [s], references: [floor] }, { range: [0, Infinity], series: [s], references: [floor] }], { intervalLabel: "95 % t" });
  assertTracesOnOwnAxes(fig);
  const lines = traces(fig).filter((t) => t.name === "estimator floor");
  assert.equal(lines.length, 2);
  assert.deepEqual(lines.map((t) => [t.x, t.y, t.showlegend, (t.line as Obj).dash]), [[["1", "2", "3"], [0.004, 0.004, 0.004], true, "dash"], [["1", "2", "3"], [0.004, 0.004, 0.004], false, "dash"]]);
  assert.deepEqual(lines.map((t) => t.yaxis), ["y", "y2"]);
  assert.throws(() => errorBarFigure([{ range: [0, 8], series: [s], references: [{ name: "bad", value: NaN }] }], { intervalLabel: "x" }), /reference "bad" has value NaN/);
});

test("imageRowsFigure: labels at the centres of the tiles found in the mosaic, one per row and column", () => {
  const h = 4, w = 3, rows = 2, cols = 3;
  const images = new Float64Array(rows * cols * h * w).map((_, i) => (i % 7) / 7);
  const fig = imageRowsFigure(images, { h, w }, { rows, cols, rowLabels: ["pair 1", "pair 2"], colLabels: ["t = 0", "t = 0.5", "t = 1"] });
  const z = (traces(fig)[0].z as (number | null)[][]);
  // oracle: the mosaic of the plain image grid; tile (r, c)'s pixels are image r·cols + c
  const plain = (imageGridFigure(images, { n: rows * cols, h, w }, { rows, cols }).data[0] as Obj).z as (number | null)[][];
  assert.deepEqual(z, plain);
  const notes = layoutOf(fig).annotations as Obj[];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    // pixel positions of tile (r, c): rows/columns whose value is image r·cols + c's first pixel block
    const k = r * cols + c, ys: number[] = [], xs: number[] = [];
    z.forEach((row, yy) => row.forEach((v, xx) => {
      const tileRow = Math.floor((yy - 1) / (h + 1)), tileCol = Math.floor((xx - 1) / (w + 1));
      if (v !== null && tileRow * cols + tileCol === k) { ys.push(yy); xs.push(xx); }
    }));
    const centre = { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
    assert.deepEqual(tileCentre(r, c, { h, w }), centre);
    if (c === 0) assert.deepEqual([notes[r].text, notes[r].y, notes[r].x], [`pair ${r + 1}`, centre.y, -0.5]);
    if (r === 0) assert.deepEqual([notes[rows + c].x, notes[rows + c].y], [centre.x, -0.5]);
  }
  assert.throws(() => imageRowsFigure(images, { h, w }, { rows: 3, cols }), /expected rows·cols·h·w = 3·3·4·3 = 108/);
  assert.throws(() => imageRowsFigure(images, { h, w }, { rows, cols, colLabels: ["a"] }), /1 column labels for 3 columns/);
});

test("colour helpers: alpha from rgb() and #hex, a cycling palette", () => {
  assert.equal(withAlpha("rgb(214,39,40)", 0.25), "rgba(214,39,40,0.25)");
  assert.equal(withAlpha("#1f77b4", 0.5), "rgba(31,119,180,0.5)");
  assert.throws(() => withAlpha("red", 0.5), /rgb\(r,g,b\) or #rrggbb, got "red"/);
  assert.equal(seriesColour(10), seriesColour(0));
});

/** Width and height of every subplot's clip rectangle in Plotly's SVG, in drawing order. */
function plotAreas(svg: string): { width: number; height: number }[] {
  return [...svg.matchAll(/<clipPath[^>]*plot"[^>]*>\s*<rect[^>]*width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

test("in Chromium: equal-aspect panels with square ranges are square even in a wide figure; every builder draws", { skip, timeout: 120_000 }, async () => {
  const rng = new Rng(12);
  const grid = scatterGridFigure([4, 1, 3, 3, 2, 1].map((a) => ({ real: rng.normalArray(40), fake: rng.normalArray(20), range: [-a, a] as [number, number] })), { rows: 2, cols: 3 });
  const xs = [-1, 0, 1];
  const heat = heatmapGridFigure([0, 1].map(() => ({ x: xs, y: xs, z: rng.uniformArray(9) })), { rows: 1, cols: 2, zRange: [0, 1] });
  for (const [fig, panels] of [[grid, 6], [heat, 2]] as const) {
    const areas = plotAreas(await renderSvg(fig, { width: 900, height: 420 }));
    assert.equal(areas.length, panels);
    for (const a of areas) assert.ok(Math.abs(a.width - a.height) < 0.5, `panel ${a.width}×${a.height} is square`);
  }
  const figs = [
    densityHistogramFigure([{ name: "z", values: rng.normalArray(500) }], [{ name: "pdf", pdf: (v) => Math.exp(-v * v / 2) / 2.5066 }], { bins: 20, lo: -3, hi: 3 }),
    bandFigure([{ name: "m", x: [1, 2, 3], centre: [1, 2, 3], band: ratioBand([1, 2, 3], 1.5) }], { logY: true }),
    errorBarFigure([{ range: [0, 8], series: [{ name: "modes", categories: [1, 2], centre: [7, 8], lower: [5, 8], upper: [9, 8] }] }], { intervalLabel: "95 % t" }),
    imageRowsFigure(rng.uniformArray(4 * 28 * 28, -1, 1), { h: 28, w: 28 }, { rows: 2, cols: 2, rowLabels: ["a", "b"], colLabels: ["0", "1"] }),
  ];
  for (const fig of figs) {
    const png = PNG.sync.read(await renderPng(fig, { width: 360, height: 280 }, 1));
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
    assert.ok(colours.size > 10, `${colours.size} colours`);
  }
});
