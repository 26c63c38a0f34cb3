import { after, test } from "node:test";
import assert from "node:assert/strict";
import { PNG } from "pngjs";
import { columns, gridFigure, histogramFigure, imageGridFigure, lineFigure, scatterFigure } from "../../lib/plot/figures";
import { closeRenderer, findChromium, renderPng } from "../../lib/plot/render";
import { Rng } from "../../lib/util/rng";

const skip = findChromium() === undefined ? "no Chromium found (set CHROMIUM_PATH or `sudo apt-get install chromium`)" : false;
after(closeRenderer);

type Trace = Record<string, unknown>;

test("columns: [n, 2] rows and the flat interleaved form give the same x and y", () => {
  const rows = [[1, 2], [3, 4], [5, 6]];
  assert.deepEqual(columns(rows), { x: [1, 3, 5], y: [2, 4, 6] });
  assert.deepEqual(columns(Float32Array.from([1, 2, 3, 4, 5, 6])), { x: [1, 3, 5], y: [2, 4, 6] });
  assert.throws(() => columns([1, 2, 3]), /odd length/);
});

test("gridFigure: row j, column i holds f(x[i], y[j])", () => {
  const x = [-1, 0, 1, 2], y = [10, 20, 30];
  const f = (a: number, b: number) => a * 100 + b;
  const flat: number[] = [];
  for (const b of y) for (const a of x) flat.push(f(a, b));
  const trace = gridFigure(flat, x, y).data[0] as Trace;
  const z = trace.z as number[][];
  assert.equal(z.length, y.length);
  y.forEach((b, j) => x.forEach((a, i) => assert.equal(z[j][i], f(a, b))));
  assert.throws(() => gridFigure(flat.slice(1), x, y), /expected 3·4 = 12/);
});

test("imageGridFigure: every pixel lands at its tile position, gaps stay empty", () => {
  const [n, h, w] = [5, 3, 2];
  const images = new Rng(4).uniformArray(n * h * w, -1, 1);
  const grid = { rows: 2, cols: 3, gap: 1 };
  const z = (imageGridFigure(images, { n, h, w }, grid).data[0] as Trace).z as (number | null)[][];
  assert.equal(z.length, 2 * (h + 1) + 1);
  assert.equal(z[0].length, 3 * (w + 1) + 1);
  let filled = 0;
  for (const row of z) for (const v of row) if (v !== null) filled++;
  assert.equal(filled, n * h * w); // nothing else is written
  for (let k = 0; k < n; k++) {
    const tileRow = Math.floor(k / 3), tileCol = k % 3;
    for (let r = 0; r < h; r++)
      for (let c = 0; c < w; c++) assert.equal(z[1 + tileRow * (h + 1) + r][1 + tileCol * (w + 1) + c], images[(k * h + r) * w + c]);
  }
  assert.throws(() => imageGridFigure(images, { n, h, w }, { rows: 1, cols: 4 }), /do not fit/);
});

test("lineFigure, scatterFigure, histogramFigure: one trace per input, data copied", () => {
  const line = lineFigure([{ name: "D", x: [0, 1], y: [0.7, 0.6] }, { name: "G", x: [0, 1], y: [0.7, 0.8], dash: "dash" }], { title: "loss", logY: true });
  assert.deepEqual(line.data.map((t) => (t as Trace).name), ["D", "G"]);
  assert.deepEqual((line.data[1] as Trace).y, [0.7, 0.8]);
  assert.equal(((line.layout as Trace).yaxis as Trace).type, "log");
  const sc = scatterFigure([{ name: "real", points: [[0, 1], [2, 3]] }, { name: "fake", points: [4, 5], open: true }], { xRange: [-3, 3] });
  assert.deepEqual([(sc.data[1] as Trace).x, (sc.data[1] as Trace).y], [[4], [5]]);
  assert.equal(((sc.data[1] as Trace).marker as Trace).symbol, "circle-open");
  assert.equal(((sc.layout as Trace).yaxis as Trace).scaleanchor, "x");
  const hist = histogramFigure("‖z‖", [1, 2, 3], { bins: 10 }, [{ name: "χ density", x: [1, 2], y: [0.1, 0.2] }]);
  assert.deepEqual(hist.data.map((t) => (t as Trace).type), ["histogram", "scatter"]);
  assert.equal((hist.data[0] as Trace).histnorm, "probability density");
});

test("every builder's figure renders in Chromium (PNG with plotted colours)", { skip, timeout: 120_000 }, async () => {
  const rng = new Rng(8);
  const figs = [
    lineFigure([{ name: "a", x: [0, 1, 2], y: [1, 3, 2] }], { title: "θ" }),
    scatterFigure([{ name: "real", points: rng.normalArray(200), colour: "rgb(150,150,150)" }, { name: "fake", points: rng.normalArray(200), open: true, colour: "rgb(214,39,40)" }]),
    histogramFigure("‖z‖", rng.normalArray(500)),
    gridFigure(rng.uniformArray(12), [0, 1, 2, 3], [0, 1, 2]),
    imageGridFigure(rng.uniformArray(4 * 28 * 28, -1, 1), { n: 4, h: 28, w: 28 }, { rows: 2, cols: 2 }),
  ];
  for (const fig of figs) {
    const png = PNG.sync.read(await renderPng(fig, { width: 300, height: 240 }, 1));
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
    assert.ok(colours.size > 10, `${colours.size} colours`);
  }
});
