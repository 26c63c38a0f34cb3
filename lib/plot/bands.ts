/**
 * Curves with shaded bands: a centre line (a mean, a median) and a band from `lower` to
 * `upper` at every x, e.g. mean ± sd over samples, a 5–95 % quantile interval over profiles, or
 * a confidence interval over seeds. The band is one closed polygon (upper left to right, then
 * lower right to left, `fill: "toself"`), drawn under its line in a lighter tint of its colour.
 *
 * Every band says what it is: its legend entry is "<series>: <band label>" (e.g. "normal: mean
 * ± sd", "lerp: 5–95 % quantiles"). On a logarithmic y axis only multiplicative bands are
 * allowed, quantile intervals or centre ×/÷ factor: an additive band (± sd, ± a t half-width)
 * is symmetric on a linear axis only, narrows or widens with the centre on a log axis, and goes
 * below zero where it cannot be drawn at all. Such a band on a log axis is an error, as is any
 * lower bound ≤ 0.
 */
import type { PlotlyFigure } from "./render";
import { AxesOptions, baseLayout, lineTrace, Series, seriesColour, Trace, withAlpha } from "./figures";

/** additive: centre ± something; quantile and ratio: fine on log axes */
export type BandKind = "additive" | "quantile" | "ratio";

export interface Band {
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  kind: BandKind;
  /** what the band is, shown in the legend, e.g. "mean ± sd" */
  label: string;
}

function sameLength(what: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new RangeError(`${what}: arrays have lengths ${a.length} and ${b.length}`);
}

/** centre ± k·sd ("mean ± sd", "mean ± 2 sd"). */
export function sdBand(mean: ArrayLike<number>, sd: ArrayLike<number>, k = 1): Band {
  sameLength("sdBand", mean, sd);
  const m = Array.from(mean), s = Array.from(sd);
  return { lower: m.map((v, i) => v - k * s[i]), upper: m.map((v, i) => v + k * s[i]), kind: "additive", label: `mean ± ${k === 1 ? "" : `${k} `}sd` };
}

/** A confidence interval already computed (e.g. per-step t intervals over seeds): additive. */
export function intervalBand(lower: ArrayLike<number>, upper: ArrayLike<number>, label: string): Band {
  sameLength("intervalBand", lower, upper);
  return { lower: Array.from(lower), upper: Array.from(upper), kind: "additive", label };
}

/** Quantile interval [Q(qLo), Q(qHi)] at each x, e.g. from `columnQuantiles` of lib/stats/summary.ts. */
export function quantileBand(lower: ArrayLike<number>, upper: ArrayLike<number>, qLo: number, qHi: number): Band {
  sameLength("quantileBand", lower, upper);
  if (!(qLo >= 0 && qLo < qHi && qHi <= 1)) throw new RangeError(`quantileBand: need 0 ≤ qLo < qHi ≤ 1, got ${qLo}, ${qHi}`);
  const pct = (q: number) => String(Number((q * 100).toPrecision(4)));
  return { lower: Array.from(lower), upper: Array.from(upper), kind: "quantile", label: `${pct(qLo)}–${pct(qHi)} % quantiles` };
}

/** centre ×/÷ factor (factor > 1, one per x or one for all): symmetric on a log axis. */
export function ratioBand(centre: ArrayLike<number>, factor: number | ArrayLike<number>, label?: string): Band {
  const f = (i: number) => (typeof factor === "number" ? factor : factor[i]);
  if (typeof factor !== "number") sameLength("ratioBand", centre, factor);
  const c = Array.from(centre);
  c.forEach((_, i) => {
    if (!(f(i) >= 1)) throw new RangeError(`ratioBand: factor must be ≥ 1, got ${f(i)} at index ${i}`);
  });
  return {
    lower: c.map((v, i) => v / f(i)), upper: c.map((v, i) => v * f(i)), kind: "ratio",
    label: label ?? (typeof factor === "number" ? `×/÷ ${Number(factor.toPrecision(3))}` : "×/÷ factor"),
  };
}

export interface BandSeries {
  name: string;
  x: ArrayLike<number>;
  centre: ArrayLike<number>;
  /** what the centre line is (legend), default "mean" */
  centreLabel?: string;
  band: Band;
  colour?: string;
  markers?: boolean;
}

/** The polygon of a band: upper from left to right, lower back from right to left. */
export function bandPolygon(x: ArrayLike<number>, band: Band): { x: number[]; y: number[] } {
  const xs = Array.from(x);
  return { x: [...xs, ...xs.slice().reverse()], y: [...Array.from(band.upper), ...Array.from(band.lower).reverse()] };
}

/** Centre lines with their bands; `extra` lines (exact curves, single runs) drawn on top. */
export function bandFigure(series: readonly BandSeries[], axes: AxesOptions = {}, extra: readonly Series[] = []): PlotlyFigure {
  const data: Trace[] = [];
  series.forEach((s, k) => {
    const { band } = s;
    for (const [what, v] of [["centre", s.centre], ["band.lower", band.lower], ["band.upper", band.upper]] as const) {
      if (v.length !== s.x.length) throw new RangeError(`bandFigure: series "${s.name}" has ${s.x.length} x values but ${v.length} in ${what}`);
    }
    for (let i = 0; i < s.x.length; i++) {
      if (!(band.lower[i] <= s.centre[i] && s.centre[i] <= band.upper[i])) {
        throw new RangeError(`bandFigure: series "${s.name}" at x = ${s.x[i]}: centre ${s.centre[i]} is not within its band [${band.lower[i]}, ${band.upper[i]}]`);
      }
    }
    if (axes.logY) {
      if (band.kind === "additive") {
        throw new RangeError(`bandFigure: series "${s.name}" has an additive band (${band.label}) on a log y axis; use a quantile band or a ratio band (centre ×/÷ factor)`);
      }
      const bad = Array.from(band.lower).findIndex((v) => !(v > 0));
      if (bad >= 0) throw new RangeError(`bandFigure: series "${s.name}" has lower bound ${band.lower[bad]} ≤ 0 at x = ${s.x[bad]} on a log y axis`);
    }
    const colour = s.colour ?? seriesColour(k);
    data.push({ type: "scatter", mode: "lines", name: `${s.name}: ${band.label}`, legendgroup: s.name, ...bandPolygon(s.x, band), fill: "toself", fillcolor: withAlpha(colour, 0.2), line: { width: 0 }, hoverinfo: "skip" });
    data.push({ ...lineTrace({ name: `${s.name}: ${s.centreLabel ?? "mean"}`, x: s.x, y: s.centre, colour, markers: s.markers, width: 2.5 }), legendgroup: s.name });
  });
  for (const e of extra) data.push(lineTrace(e));
  return { data, layout: baseLayout(axes) };
}
