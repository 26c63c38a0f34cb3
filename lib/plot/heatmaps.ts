/**
 * Heat maps of a function on a grid, one per panel, with points and curves drawn over them:
 * e.g. the discriminator D(x) over the plane with the real data on top and the generator's
 * image of a latent grid as black lines. Each panel has its own axes (./panels.ts), equal
 * aspect by default (the plane is 2-D); all panels share one colour scale [zmin, zmax] and one
 * colour bar, so colours compare across panels.
 *
 * Values: `z` is [ny, nx], either rows (z[j][i]) or flat row-major (z[j·nx + i]), the value at
 * (x[i], y[j]) (as `heatmapGrid` of lib/metrics/manifold.ts returns them).
 */
import type { PlotlyFigure } from "./render";
import { columns, COLOURS, Dash, GridValues, gridRows, Trace } from "./figures";
import type { Points2 } from "./scatter-grid";
import { panelGrid } from "./panels";

/** Points over a heat map (e.g. real data). */
export interface PointsOverlay {
  kind: "points";
  name: string;
  points: Points2;
  colour?: string;
  size?: number;
  open?: boolean;
}

/** One or more polylines over a heat map, drawn as one trace (e.g. G of a latent grid). */
export interface LinesOverlay {
  kind: "lines";
  name: string;
  lines: readonly { x: ArrayLike<number>; y: ArrayLike<number> }[];
  colour?: string;
  width?: number;
  dash?: Dash;
}

export type Overlay = PointsOverlay | LinesOverlay;

export interface HeatmapPanel {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** [ny, nx]: rows or flat row-major (see {@link gridRows}) */
  z: GridValues;
  title?: string;
  overlays?: readonly Overlay[];
  /** axis ranges; default the grid's cell edges */
  xRange?: [number, number];
  yRange?: [number, number];
}

export interface HeatmapGridOptions {
  rows: number;
  cols: number;
  /** the shared colour scale's ends */
  zRange: [number, number];
  title?: string;
  colourbarTitle?: string;
  /** a Plotly colour scale name, default "RdBu" (Plotly's: low values blue, high values red) */
  colourscale?: string;
  xTitle?: string;
  yTitle?: string;
  /** default true */
  equalAspect?: boolean;
}

/** The trace of an overlay, in the panel `ref`. */
function overlayTrace(o: Overlay, ref: { xaxis: string; yaxis: string }, showlegend: boolean): Trace {
  if (o.kind === "points") {
    return { type: "scatter", mode: "markers", name: o.name, legendgroup: o.name, showlegend, ...columns(o.points), marker: { color: o.colour ?? COLOURS.real, size: o.size ?? 3, symbol: o.open ? "circle-open" : "circle" }, ...ref };
  }
  const x: (number | null)[] = [], y: (number | null)[] = [];
  o.lines.forEach((l, k) => {
    if (l.x.length !== l.y.length) throw new RangeError(`overlay "${o.name}": line ${k} has ${l.x.length} x and ${l.y.length} y values`);
    if (k > 0) { x.push(null); y.push(null); } // a gap between polylines
    x.push(...Array.from(l.x));
    y.push(...Array.from(l.y));
  });
  return { type: "scatter", mode: "lines", name: o.name, legendgroup: o.name, showlegend, x, y, connectgaps: false, line: { color: o.colour ?? "black", width: o.width ?? 1, dash: o.dash ?? "solid" }, ...ref };
}

/** The grid of heat maps; `panels` row-major. */
export function heatmapGridFigure(panels: readonly HeatmapPanel[], o: HeatmapGridOptions): PlotlyFigure {
  const { rows, cols } = o;
  if (panels.length > rows * cols) throw new RangeError(`heatmapGridFigure: ${panels.length} panels do not fit a ${rows}×${cols} grid`);
  if (!(o.zRange[0] < o.zRange[1])) throw new RangeError(`heatmapGridFigure: zRange must be [zmin, zmax] with zmin < zmax, got [${o.zRange}]`);
  const at = (r: number, c: number) => panels[r * cols + c];
  /** the outer edges of the cells centred at v (ascending): half a cell beyond the first and last centre */
  const extent = (v: ArrayLike<number>): [number, number] => {
    const half = v.length > 1 ? (v[v.length - 1] - v[0]) / (v.length - 1) / 2 : 0.5;
    return [v[0] - half, v[v.length - 1] + half];
  };
  const grid = panelGrid({
    rows, cols, title: o.title, equalAspect: o.equalAspect ?? true,
    panelTitles: panels.map((p) => p.title),
    xTitle: (r) => (r === rows - 1 ? o.xTitle : undefined),
    yTitle: (_r, c) => (c === 0 ? o.yTitle : undefined),
    xRange: (r, c) => (at(r, c) ? at(r, c).xRange ?? extent(at(r, c).x) : undefined),
    yRange: (r, c) => (at(r, c) ? at(r, c).yRange ?? extent(at(r, c).y) : undefined),
  });
  const data: Trace[] = [];
  const shown = new Set<string>();
  panels.forEach((p, i) => {
    const ref = grid.axes(Math.floor(i / cols), i % cols).ref;
    data.push({
      type: "heatmap", x: Array.from(p.x), y: Array.from(p.y), z: gridRows(p.z, p.x.length, p.y.length),
      zmin: o.zRange[0], zmax: o.zRange[1], colorscale: o.colourscale ?? "RdBu", showscale: i === panels.length - 1,
      colorbar: { title: { text: o.colourbarTitle ?? "" }, len: 0.9 }, ...ref,
    });
    for (const ov of p.overlays ?? []) {
      data.push(overlayTrace(ov, ref, !shown.has(ov.name)));
      shown.add(ov.name);
    }
  });
  return { data, layout: { ...grid.layout, legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" } } };
}
