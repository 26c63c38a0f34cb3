/**
 * Error-bar charts by category (e.g. latent size): a marker at each centre (the mean over
 * seeds) and a bar from `lower` to `upper` (a confidence or quantile interval), several series
 * side by side (`scattermode: "group"`), one or more panels each with its own y axis.
 *
 * Bars are clipped to the metric's range [min, max] (modes covered ∈ [0, 8], a share ∈ [0, 1],
 * a KL divergence ∈ [0, ∞)): an interval of 7 ± 3 modes is drawn from 4 to 8, never to 10. The
 * hover text keeps the unclipped interval and says where it was clipped. A centre outside the
 * range, or outside its own interval, is an error. A panel may carry horizontal reference lines
 * across its categories (an estimator's floor, a threshold), each named in the legend.
 */
import type { PlotlyFigure } from "./render";
import { formatNumber } from "../stats/summary";
import { Dash, seriesColour, Trace } from "./figures";
import { panelGrid } from "./panels";

export interface ErrorBarSeries {
  name: string;
  categories: readonly (string | number)[];
  centre: readonly number[];
  lower: readonly number[];
  upper: readonly number[];
  colour?: string;
}

export interface ErrorBarPanel {
  series: readonly ErrorBarSeries[];
  /** the metric's range [min, max]; ±Infinity for an open end */
  range: [number, number];
  title?: string;
  yTitle?: string;
  /** draw the y axis on a log scale (needs a range with min > 0) */
  logY?: boolean;
  /** horizontal lines at y = value across the panel's categories, e.g. an estimator's floor */
  references?: readonly { name: string; value: number; colour?: string; dash?: Dash }[];
}

export interface ErrorBarOptions {
  /** what the bars are, e.g. "95 % t interval of the mean over 5 seeds" (legend title) */
  intervalLabel: string;
  title?: string;
  xTitle?: string;
  /** panels per row, default all in one row */
  cols?: number;
}

/** The bar ends of one point clipped to [min, max]: lengths above and below the centre. */
export function clippedBar(centre: number, lower: number, upper: number, range: [number, number]): { plus: number; minus: number; clipped: boolean } {
  const [min, max] = range;
  if (!(centre >= min && centre <= max)) throw new RangeError(`error bar: centre ${centre} outside the metric's range [${min}, ${max}]`);
  if (!(lower <= centre && centre <= upper)) throw new RangeError(`error bar: centre ${centre} outside its interval [${lower}, ${upper}]`);
  const lo = Math.max(lower, min), hi = Math.min(upper, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`error bar: interval [${lower}, ${upper}] is unbounded and the range [${min}, ${max}] does not bound it`);
  return { plus: hi - centre, minus: centre - lo, clipped: lo !== lower || hi !== upper };
}

/** One panel's traces in axes `ref`. */
function panelTraces(p: ErrorBarPanel, ref: { xaxis: string; yaxis: string }, legendShown: Set<string>, colourOf: (name: string) => string): Trace[] {
  return p.series.map((s) => {
    const n = s.categories.length;
    for (const [what, v] of [["centre", s.centre], ["lower", s.lower], ["upper", s.upper]] as const) {
      if (v.length !== n) throw new RangeError(`errorBarFigure: series "${s.name}" has ${n} categories but ${v.length} values in ${what}`);
    }
    const bars = s.centre.map((c, i) => clippedBar(c, s.lower[i], s.upper[i], p.range));
    const text = s.centre.map((c, i) => `${formatNumber(c)} [${formatNumber(s.lower[i])}, ${formatNumber(s.upper[i])}]${bars[i].clipped ? `, bar clipped to [${formatNumber(p.range[0])}, ${formatNumber(p.range[1])}]` : ""}`);
    const trace: Trace = {
      type: "scatter", mode: "markers", name: s.name, legendgroup: s.name, showlegend: !legendShown.has(s.name),
      x: s.categories.map(String), y: Array.from(s.centre),
      error_y: { type: "data", symmetric: false, array: bars.map((b) => b.plus), arrayminus: bars.map((b) => b.minus), visible: true, thickness: 1.5, width: 5 },
      marker: { color: s.colour ?? colourOf(s.name), size: 8 },
      text, hovertemplate: "%{x}: %{text}<extra>%{fullData.name}</extra>", ...ref,
    };
    legendShown.add(s.name);
    return trace;
  });
}

/** The panels in a grid of `cols` columns (default one row), each with its own axes. */
export function errorBarFigure(panels: readonly ErrorBarPanel[], o: ErrorBarOptions): PlotlyFigure {
  if (panels.length === 0) throw new RangeError("errorBarFigure: needs at least one panel");
  const cols = o.cols ?? panels.length, rows = Math.ceil(panels.length / cols);
  const grid = panelGrid({
    rows, cols, title: o.title, panelTitles: panels.map((p) => p.title),
    xTitle: (r) => (r === rows - 1 ? o.xTitle : undefined),
    yTitle: (r, c) => panels[r * cols + c]?.yTitle,
    xGap: 0.1,
  });
  const names = [...new Set(panels.flatMap((p) => p.series.map((s) => s.name)))];
  const colourOf = (name: string) => seriesColour(names.indexOf(name));
  const data: Trace[] = [];
  const shown = new Set<string>();
  const layout: Record<string, unknown> = {
    ...grid.layout, scattermode: "group",
    legend: { title: { text: `bars: ${o.intervalLabel}` }, orientation: "h", x: 0, y: -0.3, yanchor: "top" },
    margin: { ...(grid.layout.margin as object), b: 130 },
  };
  panels.forEach((p, i) => {
    const ax = grid.axes(Math.floor(i / cols), i % cols);
    data.push(...panelTraces(p, ax.ref, shown, colourOf));
    const categories = [...new Set(p.series.flatMap((s) => s.categories.map(String)))];
    for (const r of p.references ?? []) {
      if (!Number.isFinite(r.value)) throw new RangeError(`errorBarFigure: reference "${r.name}" has value ${r.value}; use a finite number`);
      data.push({ type: "scatter", mode: "lines", name: r.name, legendgroup: r.name, showlegend: !shown.has(r.name), x: categories, y: categories.map(() => r.value), line: { color: r.colour ?? "rgb(90,90,90)", dash: r.dash ?? "dash", width: 1.5 }, hoverinfo: "name+y", ...ax.ref });
      shown.add(r.name);
    }
    const [min, max] = p.range;
    if (p.logY && !(min > 0)) throw new RangeError(`errorBarFigure: panel ${i} has a log y axis but its range starts at ${min} (needs > 0)`);
    const yaxis: Record<string, unknown> = { ...(layout[ax.yKey] as object) };
    if (p.logY) yaxis.type = "log";
    else if (Number.isFinite(min) && Number.isFinite(max)) {
      const pad = 0.03 * (max - min);
      yaxis.range = [min - pad, max + pad];
    } else if (min === 0) yaxis.rangemode = "tozero";
    layout[ax.yKey] = yaxis;
    layout[ax.xKey] = { ...(layout[ax.xKey] as object), type: "category" };
  });
  return { data, layout };
}
