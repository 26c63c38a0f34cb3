/**
 * Procedural sprites with known generating factors, in the spirit of dSprites (Matthey et al.
 * 2017): one white shape on a black 28×28 background, grey values in [−1, 1] like the MNIST
 * digits (lib/data/mnist.ts), so the same generators, classifier code and Fréchet distance apply.
 *
 * Factors (all continuous except the shape), drawn uniformly by {@link sampleSpriteFactors}:
 *
 *   shape     0 square, 1 ellipse (semi-axes 1 and ½), 2 equilateral triangle, 3 heart
 *   scale s   circumradius in pixels, [4, 8]: every point of the shape lies within s of (x, y)
 *   rotation θ radians, [0, 2π), counter-clockwise on screen; at θ = 0 the triangle points up,
 *             the heart's tip points down, the square is axis-aligned, the ellipse is wide
 *   x, y      the shape's area centroid, in pixels from the top-left corner of the image
 *             (x to the right, y down), each [8, 20], so no sprite is ever clipped
 *
 * Pixel (r, c) covers [c, c+1] × [r, r+1]; the image centre is (14, 14). Rotation symmetry
 * orders k (a rotation by 2π/k leaves the shape unchanged): square 4, ellipse 2, triangle 3,
 * heart 1, so θ is only defined modulo 2π/k (the factor reader regresses (cos kθ, sin kθ)).
 *
 * Rendering: a pixel's value is −1 + 2·coverage, coverage the share of an 8 × 8 grid of points
 * inside the pixel (at offsets (i + ½)/8) that fall inside the shape: anti-aliased edges with
 * coverage in steps of 1/64. A point p is mapped back to the shape's unit frame,
 *   (u, v) = R(−θ)·((p_x − x), −(p_y − y)) / s,
 * and tested there (a shape's symmetry holds for the rendered image up to sample points lying
 * exactly on an edge). Everything is computed in float64 from the factors alone: a seed gives
 * the same bytes on every machine. About 0.5 ms per sprite.
 */
import type { Rng } from "../util/rng";

export const SPRITE_SIDE = 28;
export const SPRITE_PIXELS = SPRITE_SIDE * SPRITE_SIDE;

export const SPRITE_SHAPES = ["square", "ellipse", "triangle", "heart"] as const;
export type SpriteShape = (typeof SPRITE_SHAPES)[number];

/** Rotation symmetry order k of each shape, by shape index. */
export const SPRITE_SYMMETRY: readonly number[] = [4, 2, 3, 1];

/** The ranges [lo, hi) each factor is drawn from. */
export const SPRITE_RANGES = { scale: [4, 8], rotation: [0, 2 * Math.PI], x: [8, 20], y: [8, 20] } as const;

/** Supersampling grid per pixel side (SUPERSAMPLE² points per pixel). */
export const SUPERSAMPLE = 8;

export interface SpriteFactors {
  /** Index into SPRITE_SHAPES. */
  shape: number;
  scale: number;
  rotation: number;
  x: number;
  y: number;
}

const SQUARE_HALF = Math.SQRT1_2; // half side of the square of circumradius 1
const ELLIPSE_MINOR = 0.5;
/** Triangle: inradius ½ of circumradius 1; its edge normals point at −90°, 30°, 150°. */
const TRIANGLE_NORMALS = [-90, 30, 150].map((deg) => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)]);
/**
 * Heart: the curve (X² + Y² − 1)³ = X²Y³, whose area centroid is at (0, 0.29349) and whose
 * farthest point from it is at 1.29069 (both integrated on a 4000² grid); the unit frame is
 * (X, Y) = (R·u, R·v + Y₀).
 */
const HEART_CENTROID_Y = 0.29349;
const HEART_RADIUS = 1.29069;

/** Area of each shape in its unit frame (circumradius 1); the heart's by the same integration. */
export const SPRITE_UNIT_AREAS: readonly number[] = [2, Math.PI * ELLIPSE_MINOR, (3 * Math.sqrt(3)) / 4, 3.66198 / HEART_RADIUS ** 2];

const [[N0u, N0v], [N1u, N1v], [N2u, N2v]] = TRIANGLE_NORMALS;

/** Inside tests in the unit frame (v up), by shape index. */
const INSIDE: readonly ((u: number, v: number) => boolean)[] = [
  (u, v) => Math.abs(u) <= SQUARE_HALF && Math.abs(v) <= SQUARE_HALF,
  (u, v) => u * u + (v / ELLIPSE_MINOR) ** 2 <= 1,
  (u, v) => N0u * u + N0v * v <= 0.5 && N1u * u + N1v * v <= 0.5 && N2u * u + N2v * v <= 0.5,
  (u, v) => {
    const X = HEART_RADIUS * u;
    const Y = HEART_RADIUS * v + HEART_CENTROID_Y;
    const q = X * X + Y * Y - 1;
    return q * q * q - X * X * Y * Y * Y <= 0;
  },
];

/** Whether (u, v) in the unit frame (v up) lies inside shape `shape`. */
export function insideShape(shape: number, u: number, v: number): boolean {
  const inside = INSIDE[shape];
  if (!inside) throw new Error(`sprite shape ${shape} is not one of 0..${SPRITE_SHAPES.length - 1} (${SPRITE_SHAPES.join(", ")})`);
  return inside(u, v);
}

function checkFactors(f: SpriteFactors): void {
  if (!(Number.isInteger(f.shape) && f.shape >= 0 && f.shape < SPRITE_SHAPES.length)) throw new Error(`sprite shape ${f.shape} is not one of 0..${SPRITE_SHAPES.length - 1}`);
  for (const key of ["scale", "rotation", "x", "y"] as const) {
    if (!Number.isFinite(f[key])) throw new Error(`sprite factor ${key} is ${f[key]}, not a finite number`);
  }
  if (!(f.scale > 0)) throw new Error(`sprite scale ${f.scale} must be > 0`);
}

/** Renders one sprite into `out` at `offset` (784 values, row-major, in [−1, 1]). */
export function renderSpriteInto(f: SpriteFactors, out: Float32Array, offset = 0): void {
  checkFactors(f);
  const cos = Math.cos(f.rotation);
  const sin = Math.sin(f.rotation);
  const inv = 1 / f.scale;
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  const inside = INSIDE[f.shape];
  // only pixels that meet the disc of radius `scale` around (x, y) can hold ink
  const lo = (c: number) => Math.max(0, Math.floor(c - f.scale));
  const hi = (c: number) => Math.min(SPRITE_SIDE - 1, Math.floor(c + f.scale));
  out.fill(-1, offset, offset + SPRITE_PIXELS);
  const reach = (f.scale + Math.SQRT1_2) ** 2; // a pixel whose centre is farther holds no ink
  for (let r = lo(f.y); r <= hi(f.y); r++) {
    for (let c = lo(f.x); c <= hi(f.x); c++) {
      if ((c + 0.5 - f.x) ** 2 + (r + 0.5 - f.y) ** 2 > reach) continue;
      let hits = 0;
      for (let i = 0; i < SUPERSAMPLE; i++) {
        const dy = -(r + (i + 0.5) / SUPERSAMPLE - f.y) * inv;
        for (let j = 0; j < SUPERSAMPLE; j++) {
          const dx = (c + (j + 0.5) / SUPERSAMPLE - f.x) * inv;
          if (inside(cos * dx + sin * dy, -sin * dx + cos * dy)) hits++;
        }
      }
      out[offset + r * SPRITE_SIDE + c] = -1 + (2 * hits) / samples;
    }
  }
}

/** One sprite → 784 values in [−1, 1]. */
export function renderSprite(f: SpriteFactors): Float32Array {
  const out = new Float32Array(SPRITE_PIXELS);
  renderSpriteInto(f, out);
  return out;
}

/** Sprites one after another → n·784 values (the flat image layout of the project). */
export function renderSprites(factors: readonly SpriteFactors[]): Float32Array {
  const out = new Float32Array(factors.length * SPRITE_PIXELS);
  factors.forEach((f, i) => renderSpriteInto(f, out, i * SPRITE_PIXELS));
  return out;
}

/** n factor sets, each drawn in the order shape, scale, rotation, x, y, uniformly over SPRITE_RANGES. */
export function sampleSpriteFactors(n: number, rng: Rng): SpriteFactors[] {
  const u = ([a, b]: readonly [number, number]) => a + (b - a) * rng.uniform();
  return Array.from({ length: n }, () => ({
    shape: rng.int(SPRITE_SHAPES.length),
    scale: u(SPRITE_RANGES.scale),
    rotation: u(SPRITE_RANGES.rotation),
    x: u(SPRITE_RANGES.x),
    y: u(SPRITE_RANGES.y),
  }));
}

/**
 * The sprites as a data set: images [n, 784], shape labels, and the factors behind them. It has
 * the members of lib/train/batches.ts's LabelledData (name, classes, sample, sampleLabelled),
 * so it trains a GAN or a conditional GAN as it is.
 */
export interface SpriteData {
  name: string;
  classes: number;
  sample(n: number, rng: Rng): Float32Array;
  sampleLabelled(n: number, rng: Rng): { x: Float32Array; labels: Int32Array };
  sampleFactors(n: number, rng: Rng): SpriteFactors[];
  render(factors: SpriteFactors): Float32Array;
  /** n random sprites with their factors (the factor reader's training data). */
  sampleWithFactors(n: number, rng: Rng): { x: Float32Array; factors: SpriteFactors[] };
}

export const SPRITE_DATA_NAME = "sprites-28-v1";

/** The sprite data set: `sample` gives images, `sampleLabelled` their shapes as labels. */
export const spriteData: SpriteData = {
  name: SPRITE_DATA_NAME,
  classes: SPRITE_SHAPES.length,
  sampleFactors: sampleSpriteFactors,
  render: renderSprite,
  sampleWithFactors(n, rng) {
    const factors = sampleSpriteFactors(n, rng);
    return { x: renderSprites(factors), factors };
  },
  sample(n, rng) {
    return renderSprites(sampleSpriteFactors(n, rng));
  },
  sampleLabelled(n, rng) {
    const factors = sampleSpriteFactors(n, rng);
    return { x: renderSprites(factors), labels: Int32Array.from(factors, (f) => f.shape) };
  },
};
