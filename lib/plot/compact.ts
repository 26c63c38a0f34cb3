/**
 * Keeping saved figures small and reproducible.
 *
 * A scatter plot of the article's 5 × 3 grid holds 15 × (5,000 + 5,000) points. Written as
 * Plotly emits it, that is a 28 MB SVG (one ~190-byte `<path>` per marker) and a 6 MB JSON
 * (17-digit floats). Two lossless-to-the-eye transformations fix both:
 *
 * - {@link roundFigureNumbers}: every number inside the traces (`data`) rounded to
 *   `digits` significant digits (default 5, i.e. a relative error ≤ 5·10⁻⁵, far below a
 *   pixel of any axis); layout and config untouched.
 * - {@link compactSvg}: each marker `<path class="point" transform="translate(x,y)" d=D style=S/>`
 *   becomes `<use x=x xlink:href="#lw-mN" y=y/>`, with one `<path d=D id="lw-mN" style=S/>` per
 *   distinct (D, S) in a `<defs>` block; and Plotly's random per-render id (`clip3f9a1c…`,
 *   `defs-3f9a1c`) and the random uid of every trace (in its classes, colour bar and gradient)
 *   are replaced by fixed ones, so the same figure gives the same bytes; for the same reason
 *   each start tag's attributes are put in name order.
 */
import type { PlotlyFigure } from "./render";

/** Default significant digits kept in figure data. */
export const FIGURE_DIGITS = 5;

/** `x` rounded to `digits` significant digits (integers and non-finite values unchanged). */
export function roundSignificant(x: number, digits = FIGURE_DIGITS): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x;
  return Number(x.toPrecision(digits));
}

function roundDeep(value: unknown, digits: number): unknown {
  if (typeof value === "number") return roundSignificant(value, digits);
  if (Array.isArray(value)) return value.map((v) => roundDeep(v, digits));
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (v) => roundSignificant(v, digits));
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = roundDeep(v, digits);
    return out;
  }
  return value;
}

/**
 * A copy of `fig` whose trace numbers (coordinates, z grids, marker sizes, …) keep `digits`
 * significant digits; typed arrays become plain arrays. Layout and config are shared, not copied.
 */
export function roundFigureNumbers(fig: PlotlyFigure, digits = FIGURE_DIGITS): PlotlyFigure {
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) {
    throw new Error(`digits must be an integer in 1…17, got ${digits}`);
  }
  return { ...fig, data: fig.data.map((trace) => roundDeep(trace, digits) as object) };
}

/** The fixed id that replaces Plotly's random per-render uid in saved SVGs. */
export const SVG_UID = "lw0000";

const POINT = /<path class="point" transform="translate\(([^,()]+),([^()]+)\)" d="([^"]*)" style="([^"]*)"\s*\/>/g;

/**
 * `svg` with every occurrence of the random id `uid` replaced by `fixed`. Plotly writes an id after
 * a letter, '-' or '_' (clip…, defs-…, legend…, trace…, cb…); numbers in path data and
 * coordinates never follow those, and a longer hex run is another id.
 */
function replaceUid(svg: string, uid: string, fixed: string): string {
  return svg.replace(new RegExp(`(?<=[A-Za-z_-])${uid}(?![0-9a-f])`, "g"), fixed);
}

/**
 * The SVG with markers shared through `<use>` and Plotly's random uid fixed (see the module
 * comment). Everything else is left byte for byte as it was.
 */
export function compactSvg(svg: string): string {
  let out = svg;
  const uid = /id="clip([0-9a-f]+)(?:x|y)/.exec(out)?.[1];
  if (uid !== undefined && uid.length >= 4) {
    out = replaceUid(out, uid, SVG_UID);
  }
  // every trace also gets a random uid, written in its group's class (`trace scatter trace1c6fd1`)
  // and in its colour bar's class, tick classes and gradient (`cb1c6fd1 colorbar`, `ycb1c6fd1tick`,
  // `glw0000-cb1c6fd1`): number the uids in order of appearance and replace every occurrence
  const traceUids = new Map<string, string>();
  for (const m of out.matchAll(/(?:class="trace [a-z0-9]+ trace|cb)([0-9a-f]{6})(?![0-9a-f])/g)) {
    if (!traceUids.has(m[1])) traceUids.set(m[1], `lw${traceUids.size}`);
  }
  for (const [uid, fixed] of traceUids) out = replaceUid(out, uid, fixed);
  const ids = new Map<string, string>();
  const defs: string[] = [];
  out = out.replace(POINT, (_m, x: string, y: string, d: string, style: string) => {
    const key = `${d}\u0000${style}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = `lw-m${ids.size}`;
      ids.set(key, id);
      defs.push(`<path d="${d}" id="${id}" style="${style}"/>`);
    }
    return `<use x="${x}" xlink:href="#${id}" y="${y}"/>`;
  });
  // Plotly's first drawing in a page sets some attributes in another order than later ones
  // (the legend's background rect): put every start tag's attributes in name order
  out = out.replace(/<([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")+)\s*(\/?)>/g, (_m, tag: string, attrs: string, slash: string) => {
    const list = attrs.match(/[\w:-]+="[^"]*"/g) as string[];
    list.sort((a, b) => (a.slice(0, a.indexOf("=")) < b.slice(0, b.indexOf("=")) ? -1 : 1));
    return `<${tag} ${list.join(" ")}${slash}>`;
  });
  if (defs.length === 0) return out;
  const open = /<svg\b[^>]*>/.exec(out);
  if (open === null) throw new Error("compactSvg: no <svg> root element");
  let root = open[0];
  if (!/\sxmlns:xlink=/.test(root)) root = root.replace(/<svg\b/, '<svg xmlns:xlink="http://www.w3.org/1999/xlink"');
  const at = open.index + open[0].length;
  return out.slice(0, open.index) + root + `<defs>${defs.join("")}</defs>` + out.slice(at);
}
