/**
 * Standalone interactive HTML for a Plotly figure.
 *
 * Decision: plotly.js is NOT inlined into every page. The bundle in node_modules
 * (plotly.js-dist 3.1.1) is 11 MB unminified, 4.9 MB minified; inlined into each of the
 * dozens of figures of the five notebooks it would add hundreds of MB to the repository.
 * Instead one shared copy, `<outRoot>/figures/plotly.min.js`, is written once (minified with
 * esbuild when available, else copied as is) and every page under `figures/<notebook>/`
 * references it as `../plotly.min.js`. The pages therefore work offline, from a clone or a
 * copied `figures/` folder, but not as a single file moved elsewhere on its own.
 */
import * as fs from "fs";
import * as path from "path";
import { writeFileAtomic } from "../util/atomic";
import type { PlotlyFigure } from "./render";
import { plotlyBundlePath } from "./render";

export const SHARED_PLOTLY_NAME = "plotly.min.js";

/** Version of the plotly.js bundle in node_modules. */
export function plotlyVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(path.dirname(plotlyBundlePath()), "package.json"), "utf8")).version;
}

function headerLine(): string {
  return `/* plotly.js ${plotlyVersion()} (from plotly.js-dist, MIT licence) */\n`;
}

/** The bundle, minified when esbuild (a dependency of tsx) can be loaded. */
function bundleText(): string {
  const source = fs.readFileSync(plotlyBundlePath(), "utf8");
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require("esbuild") as { transformSync(code: string, o: object): { code: string } };
    return esbuild.transformSync(source, { minify: true, legalComments: "inline" }).code;
  } catch {
    return source;
  }
}

/**
 * Makes sure `<figuresRoot>/plotly.min.js` holds the current plotly.js (its first line names
 * the version; a stale or foreign copy is replaced). Returns its path.
 */
export function ensureSharedPlotly(figuresRoot: string): string {
  const target = path.join(figuresRoot, SHARED_PLOTLY_NAME);
  const header = headerLine();
  if (fs.existsSync(target)) {
    const fd = fs.openSync(target, "r");
    const buf = Buffer.alloc(header.length * 2);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    fs.closeSync(fd);
    if (buf.subarray(0, n).toString("utf8").startsWith(header)) return target;
  }
  writeFileAtomic(target, header + bundleText());
  return target;
}

/** JSON safe inside a <script> element: `<` escaped so `</script>` cannot occur. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** `&`, `<`, `>`, `"` as HTML entities. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] as string);
}

/**
 * The page: full-window, responsive figure; `plotlySrc` is the script's URL relative to the
 * page (default `../plotly.min.js`, the shared copy).
 */
export function figureHtml(title: string, fig: PlotlyFigure & { frames?: readonly object[] }, plotlySrc = `../${SHARED_PLOTLY_NAME}`): string {
  const config = { responsive: true, ...(fig.config ?? {}) };
  // an animation's frames (lib/plot/animation.ts); pages without frames stay as they were
  const frames = fig.frames === undefined ? {} : { frames: fig.frames };
  const draw = fig.frames === undefined
    ? `Plotly.newPlot("figure", fig.data, layout, fig.config);`
    : `Plotly.newPlot("figure", { data: fig.data, layout: layout, config: fig.config, frames: fig.frames });`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<script src="${escapeHtml(plotlySrc)}"></script>
<style>html, body { margin: 0; height: 100%; } #figure { width: 100%; height: 100vh; }</style>
</head>
<body>
<div id="figure"></div>
<script>
const fig = ${scriptJson({ data: fig.data, layout: fig.layout ?? {}, config, ...frames })};
if (typeof Plotly === "undefined") {
  document.getElementById("figure").textContent = "plotly.js not found at ${escapeHtml(plotlySrc)}: keep this page inside its figures/ folder.";
} else {
  const layout = Object.assign({}, fig.layout, { autosize: true });
  delete layout.width; delete layout.height;
  ${draw}
}
</script>
</body>
</html>
`;
}
