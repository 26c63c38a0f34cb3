/**
 * A rows × cols grid of 2-D scatter panels: real data as grey dots under generated samples as
 * red open circles (GAN Lab's colours, {@link COLOURS}), each panel with its own axes and ticks
 * and, by default, equal aspect (see ./panels.ts), e.g. latent sizes (rows) × datasets
 * (columns). Markers are SVG `scatter` traces, so PNG and SVG show the same marks.
 */
import type { PlotlyFigure } from "./render";
import { columns, COLOURS, PointSet, Trace } from "./figures";
import { panelGrid } from "./panels";

/** Points as [n, 2] rows or a flat [x0, y0, x1, y1, …] array. */
export type Points2 = PointSet["points"];

export interface ScatterPanel {
  /** real data, drawn first (under the samples) */
  real?: Points2;
  /** generated samples */
  fake?: Points2;
  /** title above the panel (default: the column title on the top row) */
  title?: string;
  /** range of both axes (a square panel with equal aspect), e.g. [−axis, axis] */
  range?: [number, number];
  /** or separate ranges */
  xRange?: [number, number];
  yRange?: [number, number];
}

export interface ScatterGridOptions {
  rows: number;
  cols: number;
  title?: string;
  /** titles over the top row's panels, one per column */
  colTitles?: readonly string[];
  /** y-axis titles of the first column, one per row (e.g. "latent 1") */
  rowTitles?: readonly string[];
  /** legend names (defaults "real data", "G(z)") */
  realName?: string;
  fakeName?: string;
  /** marker sizes in px (defaults 3 and 4) */
  realSize?: number;
  fakeSize?: number;
  /** default true */
  equalAspect?: boolean;
}

function checkTitles(what: string, titles: readonly string[] | undefined, n: number): void {
  if (titles && titles.length !== n) throw new RangeError(`scatterGridFigure: ${what} has ${titles.length} entries, expected ${n}`);
}

/** The grid figure; `panels` row-major, at most rows·cols of them. */
export function scatterGridFigure(panels: readonly ScatterPanel[], o: ScatterGridOptions): PlotlyFigure {
  const { rows, cols } = o;
  if (panels.length > rows * cols) throw new RangeError(`scatterGridFigure: ${panels.length} panels do not fit a ${rows}×${cols} grid`);
  checkTitles("colTitles", o.colTitles, cols);
  checkTitles("rowTitles", o.rowTitles, rows);
  const at = (r: number, c: number): ScatterPanel | undefined => panels[r * cols + c];
  const grid = panelGrid({
    rows, cols, title: o.title,
    panelTitles: Array.from({ length: rows * cols }, (_, i) => panels[i]?.title ?? (i < cols ? o.colTitles?.[i] : undefined)),
    yTitle: (r, c) => (c === 0 ? o.rowTitles?.[r] : undefined),
    xRange: (r, c) => at(r, c)?.xRange ?? at(r, c)?.range,
    yRange: (r, c) => at(r, c)?.yRange ?? at(r, c)?.range,
    equalAspect: o.equalAspect ?? true,
  });
  const realName = o.realName ?? "real data", fakeName = o.fakeName ?? "G(z)";
  const data: Trace[] = [];
  let realShown = false, fakeShown = false;
  panels.forEach((p, i) => {
    const ref = grid.axes(Math.floor(i / cols), i % cols).ref;
    if (p.real !== undefined) {
      data.push({ type: "scatter", mode: "markers", name: realName, legendgroup: "real", showlegend: !realShown, ...columns(p.real), marker: { color: COLOURS.real, size: o.realSize ?? 3 }, ...ref });
      realShown = true;
    }
    if (p.fake !== undefined) {
      data.push({ type: "scatter", mode: "markers", name: fakeName, legendgroup: "fake", showlegend: !fakeShown, ...columns(p.fake), marker: { color: COLOURS.fake, size: o.fakeSize ?? 4, symbol: "circle-open" }, ...ref });
      fakeShown = true;
    }
  });
  return { data, layout: { ...grid.layout, legend: { orientation: "h", x: 0, y: -0.04, yanchor: "top" } } };
}
