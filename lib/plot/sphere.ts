/**
 * Interactive 3-D Plotly figures of the unit sphere S² for Sphere GAN's geometry: a light
 * surface of S², a plane grid mapped onto it (lib/geometry/stereographic.ts `planeGridOnSphere`),
 * the north pole N, and optional geodesic arcs and point sets (e.g. the notes' variant, which
 * lands inside the ball). Only arranges plain arrays into Plotly JSON: no maths, no I/O.
 *
 * 3-D traces (surface, scatter3d) are drawn with WebGL: the interactive HTML needs a browser
 * with WebGL, and PNG/SVG export needs a renderer that provides it.
 */
import type { GridLine, Polyline3d } from "../geometry/stereographic";
import { baseLayout, COLOURS } from "./figures";
import type { PlotlyFigure } from "./render";

export interface SphereCurve {
  name: string;
  curve: Polyline3d;
  /** curves with the same group share one legend entry (the first one's name) and toggle together */
  group?: string;
  colour?: string;
  width?: number;
  dash?: "solid" | "dash" | "dot";
}

export interface SpherePoints {
  name: string;
  points: Polyline3d;
  colour?: string;
  size?: number;
}

export interface SphereFigureOptions {
  title?: string;
  /** mapped grid lines; x = c lines in one colour, y = c lines in another, one legend entry each */
  grid?: GridLine[];
  gridColours?: { x: string; y: string };
  /** further curves (geodesic arcs, the notes' variant of the grid) */
  curves?: SphereCurve[];
  points?: SpherePoints[];
  /** draw the north pole N = (0, 0, 1) (default true) */
  northPole?: boolean;
  /** meridians × parallels of the surface mesh (default 48) */
  surfaceResolution?: number;
}

const SURFACE_COLOUR = "rgb(225,228,235)";

function checkCurve(c: Polyline3d, name: string): void {
  if (c.x.length !== c.y.length || c.x.length !== c.z.length) {
    throw new RangeError(`curve "${name}": x, y, z have lengths ${c.x.length}, ${c.y.length}, ${c.z.length}; they must be equal`);
  }
}

/** The unit sphere as a (resolution + 1) × (resolution + 1) mesh of (x, y, z) rows, polar angle by azimuth. */
export function sphereMesh(resolution: number): { x: number[][]; y: number[][]; z: number[][] } {
  if (!Number.isInteger(resolution) || resolution < 4) throw new RangeError(`sphere surface resolution must be an integer ≥ 4, got ${resolution}`);
  const x: number[][] = [], y: number[][] = [], z: number[][] = [];
  for (let i = 0; i <= resolution; i++) {
    const polar = (Math.PI * i) / resolution;
    const rx: number[] = [], ry: number[] = [], rz: number[] = [];
    for (let j = 0; j <= resolution; j++) {
      const azimuth = (2 * Math.PI * j) / resolution;
      rx.push(Math.sin(polar) * Math.cos(azimuth));
      ry.push(Math.sin(polar) * Math.sin(azimuth));
      rz.push(Math.cos(polar));
    }
    x.push(rx); y.push(ry); z.push(rz);
  }
  return { x, y, z };
}

function curveTrace(c: SphereCurve, legendgroup: string, showlegend: boolean): object {
  checkCurve(c.curve, c.name);
  return {
    type: "scatter3d",
    mode: "lines",
    name: c.name,
    legendgroup,
    showlegend,
    x: c.curve.x, y: c.curve.y, z: c.curve.z,
    line: { color: c.colour, width: c.width ?? 3, dash: c.dash ?? "solid" },
  };
}

/** S² with the mapped grid, the north pole, and any extra curves and points. */
export function sphereFigure(o: SphereFigureOptions = {}): PlotlyFigure {
  const mesh = sphereMesh(o.surfaceResolution ?? 48);
  const data: object[] = [{
    type: "surface",
    name: "S²",
    ...mesh,
    surfacecolor: mesh.z.map((row) => row.map(() => 0)),
    colorscale: [[0, SURFACE_COLOUR], [1, SURFACE_COLOUR]],
    showscale: false,
    opacity: 0.35,
    hoverinfo: "skip",
  }];
  const colours = o.gridColours ?? { x: COLOURS.accent, y: COLOURS.fake };
  for (const axis of ["x", "y"] as const) {
    const lines = (o.grid ?? []).filter((l) => l.axis === axis);
    lines.forEach((l, i) => data.push(curveTrace({ name: `${axis} = c lines of the plane`, curve: l.mapped, colour: colours[axis], width: 2 }, `grid-${axis}`, i === 0)));
  }
  const groups = new Set<string>();
  (o.curves ?? []).forEach((c, i) => {
    const first = c.group === undefined || !groups.has(c.group);
    if (c.group !== undefined) groups.add(c.group);
    data.push(curveTrace(c, c.group ?? `curve-${i}`, first));
  });
  for (const s of o.points ?? []) {
    checkCurve(s.points, s.name);
    data.push({ type: "scatter3d", mode: "markers", name: s.name, x: s.points.x, y: s.points.y, z: s.points.z, marker: { color: s.colour, size: s.size ?? 3 } });
  }
  if (o.northPole ?? true) {
    data.push({ type: "scatter3d", mode: "markers+text", name: "north pole N", x: [0], y: [0], z: [1], text: ["N"], textposition: "top center", marker: { color: "black", size: 5 } });
  }
  const axis = (title: string) => ({ title: { text: title }, range: [-1.15, 1.15], zeroline: false });
  return {
    data,
    layout: {
      ...baseLayout({ title: o.title }),
      scene: { xaxis: axis("x₁"), yaxis: axis("x₂"), zaxis: axis("x₃"), aspectmode: "cube", camera: { eye: { x: 1.5, y: -1.5, z: 0.9 } } },
      legend: { x: 0, y: 1 },
    },
  };
}
