/**
 * Plotly animations of 2-D samples over training, with a step slider and play/pause buttons:
 * interactive in JupyterLab (its Plotly renderer adds the figure's `frames`) and in the saved
 * .html page; a static export (PNG, SVG) shows the first frame.
 *
 * Traces: 0 the real data (static, grey dots), 1 the generated samples of the current frame
 * (red open circles), 2 optional arrows at generated samples. Frame k replaces traces 1 and 2
 * (`traces: [1, 2]`); the figure's own `data` is frame 0, so anything that draws the figure
 * without animating it shows the first step.
 *
 * Arrows (GAN Lab draws the generator's gradient at fake samples): an arrow from point p along
 * vector v is the segment p → p + scale·v, ending in an arrowhead marker turned along the
 * segment (`angleref: "previous"`). All arrows of a frame are one trace, segments separated
 * by nulls: x = [p₀ₓ, p₀ₓ + s·v₀ₓ, null, p₁ₓ, …]. Frames without arrows have an empty trace 2.
 */
import type { PlotlyFigure } from "./render";
import { baseLayout, columns, COLOURS, Trace } from "./figures";
import type { Points2 } from "./scatter-grid";

/** A figure with animation frames. */
export interface AnimatedFigure extends PlotlyFigure {
  frames: { name: string; data: Trace[]; traces: number[] }[];
}

/** Arrows from `at` ([n, 2]) along `vectors` ([n, 2]) times `scale`. */
export interface Arrows {
  at: Points2;
  vectors: Points2;
  scale: number;
}

export interface AnimationFrame {
  /** slider label and frame name, e.g. the training step "120"; unique */
  label: string;
  fake: Points2;
  arrows?: Arrows;
}

export interface ScatterAnimationOptions {
  real?: Points2;
  /** range of both axes (square, equal aspect) */
  range: [number, number];
  title?: string;
  /** slider prefix, default "step " */
  sliderPrefix?: string;
  /** ms per frame while playing, default 120 */
  frameMs?: number;
  realName?: string;
  fakeName?: string;
  arrowName?: string;
  arrowColour?: string;
}

/** The segments of `arrows` as one null-separated polyline with its arrowhead sizes. */
export function arrowSegments(arrows: Arrows): { x: (number | null)[]; y: (number | null)[]; size: number[] } {
  const p = columns(arrows.at), v = columns(arrows.vectors);
  if (p.x.length !== v.x.length) throw new RangeError(`arrows: ${p.x.length} points but ${v.x.length} vectors`);
  if (!Number.isFinite(arrows.scale)) throw new RangeError(`arrows: scale must be a finite number, got ${arrows.scale}`);
  const x: (number | null)[] = [], y: (number | null)[] = [], size: number[] = [];
  for (let i = 0; i < p.x.length; i++) {
    x.push(p.x[i], p.x[i] + arrows.scale * v.x[i], null);
    y.push(p.y[i], p.y[i] + arrows.scale * v.y[i], null);
    size.push(0, 9, 0); // no marker at the start, an arrowhead at the end
  }
  return { x, y, size };
}

const HEAD_SYMBOL = "arrow";

function frameTraces(f: AnimationFrame, o: ScatterAnimationOptions): Trace[] {
  const fake: Trace = { type: "scatter", mode: "markers", name: o.fakeName ?? "G(z)", ...columns(f.fake), marker: { color: COLOURS.fake, size: 5, symbol: "circle-open" } };
  const seg = f.arrows ? arrowSegments(f.arrows) : { x: [], y: [], size: [] };
  const colour = o.arrowColour ?? "rgb(255,127,14)";
  const arrows: Trace = {
    type: "scatter", mode: "lines+markers", name: o.arrowName ?? "gradient at G(z)", x: seg.x, y: seg.y, connectgaps: false,
    line: { color: colour, width: 1.2 }, marker: { symbol: HEAD_SYMBOL, angleref: "previous", size: seg.size, color: colour }, hoverinfo: "skip",
  };
  return [fake, arrows];
}

/** The animation: frame 0 drawn, every frame reachable by the slider, play/pause buttons. */
export function scatterAnimationFigure(frames: readonly AnimationFrame[], o: ScatterAnimationOptions): AnimatedFigure {
  if (frames.length === 0) throw new RangeError("scatterAnimationFigure: needs at least one frame");
  const labels = new Set(frames.map((f) => f.label));
  if (labels.size !== frames.length) throw new RangeError(`scatterAnimationFigure: frame labels must be unique, got ${frames.map((f) => f.label).join(", ")}`);
  const real: Trace = { type: "scatter", mode: "markers", name: o.realName ?? "real data", ...(o.real ? columns(o.real) : { x: [], y: [] }), marker: { color: COLOURS.real, size: 3 }, hoverinfo: "skip" };
  const animated = frames.map((f) => ({ name: f.label, data: frameTraces(f, o), traces: [1, 2] }));
  const frameMs = o.frameMs ?? 120;
  const still = { frame: { duration: 0, redraw: false }, transition: { duration: 0 }, mode: "immediate" };
  const layout: Record<string, unknown> = {
    ...baseLayout({ title: o.title, xRange: o.range, yRange: o.range, equalAspect: true }),
    margin: { l: 50, r: 20, t: o.title ? 100 : 50, b: 150 },
    legend: { orientation: "h", x: 0, y: 1.04, yanchor: "bottom" },
    updatemenus: [{
      type: "buttons", direction: "left", showactive: false, x: 0, y: -0.06, xanchor: "left", yanchor: "top", pad: { t: 10 },
      buttons: [
        { label: "▶ play", method: "animate", args: [null, { frame: { duration: frameMs, redraw: false }, transition: { duration: 0 }, fromcurrent: true, mode: "immediate" }] },
        { label: "❚❚ pause", method: "animate", args: [[null], still] },
      ],
    }],
    sliders: [{
      active: 0, x: 0, len: 1, y: -0.14, yanchor: "top", pad: { t: 10 },
      currentvalue: { prefix: o.sliderPrefix ?? "step ", visible: true, xanchor: "right" },
      steps: frames.map((f) => ({ label: f.label, method: "animate", args: [[f.label], still] })),
    }],
  };
  return { data: [real, ...animated[0].data], layout, frames: animated };
}
