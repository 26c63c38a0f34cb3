/**
 * showFigure / saveAnimationGif / showTable, outside a kernel (files and terminal text) and
 * inside a simulated tslab kernel (the display bundle sent to the notebook).
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PNG } from "pngjs";
import type { NotebookContext } from "../../lib/notebook/context";
import { closeRenderer, DisplayData, inKernel, saveAnimationGif, showFigure, showTable, tableText } from "../../lib/notebook/display";
import { pathToFileURL } from "url";
import { scatterAnimationFigure } from "../../lib/plot/animation";
import { SHARED_PLOTLY_NAME } from "../../lib/plot/html";
import { findChromium, newPage, plotlyBundlePath, PlotlyFigure, renderPng } from "../../lib/plot/render";

const skip = findChromium() === undefined ? "no Chromium found (set CHROMIUM_PATH or `sudo apt-get install chromium`)" : false;
after(closeRenderer);

function tempCtx(): NotebookContext {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lw-display-"));
  const ctx: NotebookContext = { name: "00-test", params: { quick: true, seed: 0, force: false, long: 0, outRoot: root, backend: "cpu" }, backend: "cpu",
    figuresDir: path.join(root, "figures", "00-test"), dataDir: path.join(root, "data", "00-test"), cacheDir: path.join(root, "data", "cache", "00-test") };
  fs.mkdirSync(ctx.figuresDir, { recursive: true });
  return ctx;
}

const fig: PlotlyFigure = {
  data: [{ type: "scatter", mode: "lines+markers", x: [0, 1, 2], y: [1, 4, 9], name: "‖z‖²" }],
  layout: { title: { text: "χ² check" } },
};

/** Runs `body` as if inside a tslab kernel, collecting what it displays. */
async function inFakeKernel(body: () => Promise<void> | void): Promise<DisplayData[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jupyter = require("tslab/dist/jupyter") as { lastWriteDisplayData: unknown };
  const shown: DisplayData[] = [];
  const g = globalThis as { __tslab__?: unknown };
  g.__tslab__ = {};
  jupyter.lastWriteDisplayData = (msg: DisplayData) => shown.push(msg);
  try {
    await body();
  } finally {
    delete g.__tslab__;
    jupyter.lastWriteDisplayData = null;
  }
  return shown;
}

/** Captures console.log output of `body`. */
async function captureLog(body: () => Promise<unknown> | unknown): Promise<string> {
  const orig = console.log;
  const lines: string[] = [];
  console.log = (...a: unknown[]) => void lines.push(a.join(" "));
  try {
    await body();
  } finally {
    console.log = orig;
  }
  return lines.join("\n");
}

test("outside a kernel: showFigure writes PNG, SVG, HTML and JSON and prints where", { skip, timeout: 120_000 }, async () => {
  assert.equal(inKernel(), false);
  const ctx = tempCtx();
  const log = await captureLog(() => showFigure(ctx, "squares", fig, { width: 300, height: 200 }));
  assert.match(log, /figure squares → .*squares\.png/);
  const base = path.join(ctx.figuresDir, "squares");
  const png = PNG.sync.read(fs.readFileSync(`${base}.png`));
  assert.deepEqual([png.width, png.height], [600, 400]); // scale 2
  assert.match(fs.readFileSync(`${base}.svg`, "utf8"), /^<svg[\s\S]*<\/svg>\s*$/);
  const json = JSON.parse(fs.readFileSync(`${base}.json`, "utf8"));
  assert.deepEqual(json.data, fig.data);
  assert.deepEqual(json.layout, { width: 300, height: 200, title: { text: "χ² check" } });
  const html = fs.readFileSync(`${base}.html`, "utf8");
  assert.ok(html.includes(`<script src="../${SHARED_PLOTLY_NAME}">`));
  assert.ok(html.includes(JSON.stringify(fig.data)), "figure data embedded");
  assert.ok(fs.statSync(path.join(ctx.params.outRoot, "figures", SHARED_PLOTLY_NAME)).size > 1e6);
  assert.deepEqual(fs.readdirSync(ctx.figuresDir).sort(), ["squares.html", "squares.json", "squares.png", "squares.svg"]);
  fs.rmSync(ctx.params.outRoot, { recursive: true });
});

test("inside a kernel: one bundle with the Plotly object, the PNG of the file and plain text", { skip, timeout: 120_000 }, async () => {
  const ctx = tempCtx();
  const shown = await inFakeKernel(() => showFigure(ctx, "squares", fig));
  assert.equal(shown.length, 1);
  const { data, metadata } = shown[0];
  assert.deepEqual(Object.keys(data).sort(), ["application/vnd.plotly.v1+json", "image/png", "text/plain"]);
  const plotly = data["application/vnd.plotly.v1+json"] as PlotlyFigure;
  assert.equal(typeof plotly, "object", "JupyterLab needs an object, not a JSON string");
  assert.deepEqual(plotly.data, fig.data);
  assert.deepEqual(plotly.config, {});
  const file = fs.readFileSync(path.join(ctx.figuresDir, "squares.png"));
  assert.ok(Buffer.from(data["image/png"] as string, "base64").equals(file), "the displayed PNG is the saved one");
  assert.deepEqual(metadata, { "image/png": { width: 720, height: 480 } });
  fs.rmSync(ctx.params.outRoot, { recursive: true });
});

test("interactive: false shows only the PNG in the notebook but still writes all four files; text names repo-relative paths", { skip, timeout: 120_000 }, async () => {
  const ctx = tempCtx();
  const shown = await inFakeKernel(() => showFigure(ctx, "squares", fig, {}, { interactive: false }));
  assert.deepEqual(Object.keys(shown[0].data).sort(), ["image/png", "text/plain"]);
  assert.equal(shown[0].data["text/plain"], "figure squares: figures/00-test/squares.png (.svg .html .json)");
  assert.deepEqual(fs.readdirSync(ctx.figuresDir).sort(), ["squares.html", "squares.json", "squares.png", "squares.svg"]);
  fs.rmSync(ctx.params.outRoot, { recursive: true });
});

test("pngScale sets the PNG's pixels per layout unit (1: layout size); out of range is refused", { skip, timeout: 120_000 }, async () => {
  const ctx = tempCtx();
  await captureLog(() => showFigure(ctx, "small", fig, { width: 300, height: 200 }, { pngScale: 1 }));
  const png = PNG.sync.read(fs.readFileSync(path.join(ctx.figuresDir, "small.png")));
  assert.deepEqual([png.width, png.height], [300, 200]);
  for (const bad of [0, 5, Number.NaN]) await assert.rejects(() => showFigure(ctx, "bad", fig, {}, { pngScale: bad }), /pngScale/);
  fs.rmSync(ctx.params.outRoot, { recursive: true });
});

test("notebookPngScale 1 embeds a PNG of half the pixel width and height; the saved file keeps scale 2", { skip, timeout: 120_000 }, async () => {
  const ctx = tempCtx();
  const shown = await inFakeKernel(() => showFigure(ctx, "squares", fig, { width: 300, height: 200 }, { notebookPngScale: 1 }));
  const embedded = PNG.sync.read(Buffer.from(shown[0].data["image/png"] as string, "base64"));
  const file = PNG.sync.read(fs.readFileSync(path.join(ctx.figuresDir, "squares.png")));
  assert.deepEqual([embedded.width, embedded.height, file.width, file.height], [300, 200, 600, 400]);
  assert.deepEqual(shown[0].metadata, { "image/png": { width: 300, height: 200 } });
  await assert.rejects(showFigure(ctx, "squares", fig, {}, { notebookPngScale: 3 }), /notebookPngScale must be in \(0, 2\] \(at most pngScale\), got 3/);
  for (const bad of [0, -1, Number.NaN]) await assert.rejects(showFigure(ctx, "squares", fig, {}, { notebookPngScale: bad }), new RegExp(`notebookPngScale .*got ${bad}`));
  fs.rmSync(ctx.params.outRoot, { recursive: true });
});

test("saveAnimationGif writes a GIF and shows it in a kernel", { skip, timeout: 120_000 }, async () => {
  const ctx = tempCtx();
  const frames = [1, 2].map((k): PlotlyFigure => ({ data: [{ type: "scatter", x: [0, k], y: [0, k] }] }));
  let file = "";
  const shown = await inFakeKernel(async () => {
    file = await saveAnimationGif(ctx, "walk", frames, { width: 120, height: 80, delayMs: 100 });
  });
  assert.equal(file, path.join(ctx.figuresDir, "walk.gif"));
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 6).toString("latin1"), "GIF89a");
  assert.deepEqual([bytes.readUInt16LE(6), bytes.readUInt16LE(8)], [120, 80]);
  assert.equal(shown.length, 1);
  assert.ok(Buffer.from(shown[0].data["image/gif"] as string, "base64").equals(bytes));
  const quiet = await inFakeKernel(async () => {
    await saveAnimationGif(ctx, "walk-file-only", frames, { width: 120, height: 80, display: false });
  });
  assert.equal(quiet.length, 0, "display: false writes the file without showing it");
  assert.equal(fs.readFileSync(path.join(ctx.figuresDir, "walk-file-only.gif")).subarray(0, 6).toString("latin1"), "GIF89a");
  fs.rmSync(ctx.params.outRoot, { recursive: true });
});

test("figure names that are not file names are refused", async () => {
  const ctx = tempCtx();
  await assert.rejects(showFigure(ctx, "../escape", fig), /figure name "..\/escape" is not allowed/);
  fs.rmSync(ctx.params.outRoot, { recursive: true });
});

const records = [
  { beta: 0.5, loss: 0.693147, model: "DCGAN" },
  { beta: 0.999, loss: 12, model: "W<GAN>" },
];

test("showTable: aligned plain text on a terminal (numbers right-aligned, 4 significant digits)", async () => {
  const log = await captureLog(() => showTable(records, "Losses"));
  assert.deepEqual(log.split("\n"), [
    "Losses",
    " beta    loss  model",
    "-----  ------  ------",
    "  0.5  0.6931  DCGAN",
    "0.999      12  W<GAN>",
  ]);
});

test("showTable: HTML (escaped) and text twin in a kernel", async () => {
  const shown = await inFakeKernel(() => showTable(records, "Losses"));
  assert.equal(shown.length, 1);
  const html = shown[0].data["text/html"] as string;
  assert.equal((html.match(/<tr>/g) ?? []).length, 3);
  assert.ok(html.includes("<caption>Losses</caption>"));
  assert.ok(html.includes("<td>W&lt;GAN&gt;</td>"));
  assert.ok(html.includes("<td>0.6931</td>"));
  assert.equal(shown[0].data["text/plain"], tableText(records, "Losses"));
});

/** Frames of 2-D samples; numbers with ≤ 5 significant digits, so showFigure's rounding keeps them. */
const animation = scatterAnimationFigure([
  { label: "0", fake: [[0, 0], [1, 1]], arrows: { at: [[0, 0], [1, 1]], vectors: [[1, 0], [0, -1]], scale: 0.5 } },
  { label: "1", fake: [[2, 2], [-1, 0.5]] },
  { label: "2", fake: [[-2, 2], [1.5, -1.5]] },
], { real: [[0, 1], [1, 0], [-1, -1]], range: [-3, 3], frameMs: 40, title: "steps" });
type Frames = { name: string; data: { x: unknown[] }[] }[];

test("an animated figure keeps its frames in the JSON file and the notebook bundle; its PNG is the first frame", { skip, timeout: 120_000 }, async () => {
  const ctx = tempCtx();
  const size = { width: 400, height: 460 };
  const shown = await inFakeKernel(() => showFigure(ctx, "steps", animation, size));
  const bundle = shown[0].data["application/vnd.plotly.v1+json"] as { data: object[]; frames: Frames };
  assert.deepEqual(bundle.frames, animation.frames, "JupyterLab's renderer adds these frames");
  assert.deepEqual(bundle.data, animation.data);
  const json = JSON.parse(fs.readFileSync(path.join(ctx.figuresDir, "steps.json"), "utf8"));
  assert.deepEqual(json.frames, animation.frames);
  const png = fs.readFileSync(path.join(ctx.figuresDir, "steps.png"));
  const first = await renderPng({ data: animation.data, layout: animation.layout }, size);
  const last = await renderPng({ data: [animation.data[0], ...animation.frames[2].data], layout: animation.layout }, size);
  assert.ok(png.equals(first), "the saved PNG is the render of frame 0");
  assert.ok(!png.equals(last), "and not of a later frame");
  fs.rmSync(ctx.params.outRoot, { recursive: true });
});

test("an animated figure plays in its saved .html page and as JupyterLab draws it (react + addFrames)", { skip, timeout: 180_000 }, async () => {
  const ctx = tempCtx();
  await captureLog(() => showFigure(ctx, "steps", animation, { width: 400, height: 460 }));
  const fakeX = (k: number) => animation.frames[k].data[0].x;
  const page = await newPage();
  try {
    await page.goto(pathToFileURL(path.join(ctx.figuresDir, "steps.html")).href);
    await page.waitForFunction(() => document.querySelector("#figure .main-svg") !== null);
    // the slider jumps to a frame by name
    const jumped = await page.evaluate(async () => {
      const gd = document.getElementById("figure") as unknown as { data: { x: unknown[] }[] };
      const P = (globalThis as unknown as { Plotly: { animate(g: unknown, f: unknown, o: unknown): Promise<void> } }).Plotly;
      await P.animate(gd, ["2"], { frame: { duration: 0, redraw: false }, transition: { duration: 0 }, mode: "immediate" });
      const at2 = gd.data[1].x;
      await P.animate(gd, ["0"], { frame: { duration: 0, redraw: false }, transition: { duration: 0 }, mode: "immediate" });
      return at2;
    });
    assert.deepEqual(jumped, fakeX(2));
    // the play button runs through the frames to the last one and moves the slider along
    await page.click(".updatemenu-button >> nth=0");
    await page.waitForFunction((want) => {
      const gd = document.getElementById("figure") as unknown as { data: { x: unknown[] }[]; layout: { sliders: { active: number }[] } };
      return JSON.stringify(gd.data[1].x) === want && gd.layout.sliders[0].active === 2;
    }, JSON.stringify(fakeX(2)), { timeout: 10_000 });
    // JupyterLab's renderer: Plotly.react(node, data, layout, config), then Plotly.addFrames(node, frames)
    const bundle = JSON.parse(fs.readFileSync(path.join(ctx.figuresDir, "steps.json"), "utf8"));
    await page.setContent("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><div id='lab'></div></body></html>");
    await page.addScriptTag({ path: plotlyBundlePath() });
    const inLab = await page.evaluate(async (b) => {
      const P = (globalThis as unknown as { Plotly: { react(...a: unknown[]): Promise<unknown>; addFrames(...a: unknown[]): Promise<unknown>; animate(...a: unknown[]): Promise<unknown> } }).Plotly;
      const node = document.getElementById("lab") as unknown as { data: { x: unknown[] }[] };
      await P.react(node, b.data, b.layout, b.config);
      await P.addFrames(node, b.frames);
      await P.animate(node, ["1"], { frame: { duration: 0, redraw: false }, transition: { duration: 0 }, mode: "immediate" });
      return node.data[1].x;
    }, bundle);
    assert.deepEqual(inLab, fakeX(1));
  } finally {
    await page.close();
    fs.rmSync(ctx.params.outRoot, { recursive: true });
  }
});

test("a figure without frames gives the same page and files as before animations existed", { skip, timeout: 120_000 }, async () => {
  const ctx = tempCtx();
  await captureLog(() => showFigure(ctx, "squares", fig, { width: 300, height: 200 }));
  const html = fs.readFileSync(path.join(ctx.figuresDir, "squares.html"), "utf8");
  assert.ok(html.includes('Plotly.newPlot("figure", fig.data, layout, fig.config);'));
  assert.ok(!html.includes("frames"));
  assert.equal("frames" in JSON.parse(fs.readFileSync(path.join(ctx.figuresDir, "squares.json"), "utf8")), false);
  fs.rmSync(ctx.params.outRoot, { recursive: true });
});
