/**
 * Histograms drawn as probability densities with closed-form density curves over them (the
 * norms of samples under the χ density, angles under sin^{d−2}θ/B, …).
 *
 * Each sample set is binned by lib/stats/histogram.ts on the common range [lo, hi] with
 * `bins` equal bins; bar j has height counts_j/(n·width), so the bars' total area is the share
 * of the sample inside the range (1 when the range covers it) and compares directly with a
 * density. Values outside the range are not drawn; the figure says how many in a note under
 * the plot, so a range that cuts the sample cannot go unseen. Each curve is evaluated at
 * `curvePoints` equally spaced points of [lo, hi] (first and last included).
 */
import type { PlotlyFigure } from "./render";
import { histogram } from "../stats/histogram";
import { AxesOptions, baseLayout, Dash, lineTrace, seriesColour, Trace } from "./figures";

export interface DensitySample {
  name: string;
  values: ArrayLike<number>;
  colour?: string;
  /** bar opacity; default 0.6 for one sample, 0.45 for several */
  opacity?: number;
}

export interface DensityCurve {
  name: string;
  pdf: (x: number) => number;
  colour?: string;
  dash?: Dash;
}

export interface DensityOptions extends AxesOptions {
  bins: number;
  lo: number;
  hi: number;
  /** points per curve, default 400 */
  curvePoints?: number;
}

/** `count` equally spaced points from lo to hi, both included. */
export function linspace(lo: number, hi: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`linspace: count must be an integer ≥ 2, got ${count}`);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? hi : lo + ((hi - lo) * i) / (count - 1)));
}

/** Bars of each sample's density histogram with the curves over them. */
export function densityHistogramFigure(samples: readonly DensitySample[], curves: readonly DensityCurve[], o: DensityOptions): PlotlyFigure {
  if (samples.length === 0) throw new RangeError("densityHistogramFigure: needs at least one sample");
  const data: Trace[] = [];
  const outside: string[] = [];
  samples.forEach((s, k) => {
    const h = histogram(s.values, { bins: o.bins, lo: o.lo, hi: o.hi });
    data.push({
      type: "bar", name: s.name, x: h.centers, y: h.density, width: h.width,
      marker: { color: s.colour ?? seriesColour(k), opacity: s.opacity ?? (samples.length === 1 ? 0.6 : 0.45) },
      hovertemplate: "%{x:.4g}: %{y:.4g}<extra></extra>",
    });
    if (h.below + h.above > 0) outside.push(`${s.name}: ${h.below} below, ${h.above} above`);
  });
  const xs = linspace(o.lo, o.hi, o.curvePoints ?? 400);
  curves.forEach((c, k) => data.push(lineTrace({ name: c.name, x: xs, y: xs.map(c.pdf), colour: c.colour ?? seriesColour(samples.length + k), dash: c.dash, width: 2.5 })));
  const layout = baseLayout({ yTitle: "density", ...o, xRange: o.xRange ?? [o.lo, o.hi] });
  const annotations = outside.length === 0 ? [] : [{
    text: `outside [${o.lo}, ${o.hi}], not drawn: ${outside.join("; ")}`,
    xref: "paper", yref: "paper", x: 0, y: 0, yshift: -42, xanchor: "left", yanchor: "top", showarrow: false, font: { size: 11 },
  }];
  return { data, layout: { ...layout, barmode: "overlay", bargap: 0, annotations, margin: { ...(layout.margin as object), b: outside.length ? 70 : 50 } } };
}
