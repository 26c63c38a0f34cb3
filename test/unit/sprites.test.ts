/**
 * lib/data/sprites against geometry computed independently of the renderer:
 * - position: the ink centroid is (x, y) for every shape and rotation (the heart's centroid
 *   constant included); a shift of x or y by whole pixels shifts the image by exactly as many
 *   columns or rows, byte for byte;
 * - scale: ink area = s² × the shape's area (closed forms for square, ellipse and triangle, a
 *   fine-grid integral for the heart), so area(2s) = 4·area(s); every ink pixel lies within
 *   the circumradius s, and the farthest reaches it;
 * - rotation: a square turned by 90° renders to the same bytes, by 45° to a different image;
 *   a triangle's third-order moment turns by 3δ when the sprite turns by δ, 120° leaves it
 *   unchanged, 60° does not; the ellipse's principal axis follows θ;
 * - anti-aliasing: edge pixels take fractional values in steps of 2/64;
 * - the sampler: same seed → same bytes, factors within their ranges, labels = shapes, and it
 *   is a LabelledData.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { LabelledData } from "../../lib/train/batches";
import {
  renderSprite,
  sampleSpriteFactors,
  SPRITE_RANGES,
  SPRITE_SHAPES,
  SPRITE_UNIT_AREAS,
  spriteData,
  SUPERSAMPLE,
  type SpriteFactors,
} from "../../lib/data/sprites";
import { Rng } from "../../lib/util/rng";

const SIDE = 28;
const deg = (d: number) => (d * Math.PI) / 180;

/** Ink coverage (v + 1)/2 of each pixel. */
const coverage = (img: Float32Array) => Array.from(img, (v) => (v + 1) / 2);

/** Ink area, centroid (pixel centres at c + ½, r + ½) and the complex moment Σ w·(dx + i·dy)^k about (x0, y0), dy up. */
function moments(img: Float32Array, x0 = 0, y0 = 0, k = 0) {
  const w = coverage(img);
  let area = 0;
  let sx = 0;
  let sy = 0;
  let re = 0;
  let im = 0;
  w.forEach((m, p) => {
    if (m === 0) return;
    const cx = (p % SIDE) + 0.5;
    const cy = Math.floor(p / SIDE) + 0.5;
    area += m;
    sx += m * cx;
    sy += m * cy;
    const r = Math.hypot(cx - x0, y0 - cy);
    const phi = Math.atan2(y0 - cy, cx - x0);
    re += m * r ** k * Math.cos(k * phi);
    im += m * r ** k * Math.sin(k * phi);
  });
  return { area, x: sx / area, y: sy / area, phase: Math.atan2(im, re) };
}

/** Angle difference wrapped to (−π, π]. */
const wrap = (a: number) => Math.atan2(Math.sin(a), Math.cos(a));

test("the ink centroid is (x, y) for every shape and rotation", () => {
  const rng = new Rng(1);
  for (let shape = 0; shape < 4; shape++) {
    for (let i = 0; i < 6; i++) {
      const f: SpriteFactors = { shape, scale: 5 + 3 * rng.uniform(), rotation: 2 * Math.PI * rng.uniform(), x: 9 + 10 * rng.uniform(), y: 9 + 10 * rng.uniform() };
      const m = moments(renderSprite(f));
      assert.ok(Math.hypot(m.x - f.x, m.y - f.y) < 0.05, `${SPRITE_SHAPES[shape]}: centroid (${m.x}, ${m.y}) vs (${f.x}, ${f.y})`);
    }
  }
});

test("shifting x or y by whole pixels shifts the image by as many columns or rows, byte for byte", () => {
  for (let shape = 0; shape < 4; shape++) {
    const f: SpriteFactors = { shape, scale: 6.3, rotation: 0.7, x: 11.37, y: 12.81 };
    const base = renderSprite(f);
    const moved = renderSprite({ ...f, x: f.x + 3, y: f.y - 2 });
    for (let r = 0; r < SIDE; r++) for (let c = 0; c < SIDE; c++) {
      const src = r + 2 < SIDE && c - 3 >= 0 ? base[(r + 2) * SIDE + c - 3] : -1;
      assert.equal(moved[r * SIDE + c], src, `${SPRITE_SHAPES[shape]} pixel (${r}, ${c})`);
    }
  }
});

test("ink area = s² × the shape's area (closed forms; the heart by a fine grid), within the circumradius s", () => {
  // the heart (X² + Y² − 1)³ ≤ X²Y³ integrated on a 1500² grid of [−1.6, 1.6]², scaled to circumradius 1
  const n = 1500;
  const h = 3.2 / n;
  let heart = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const X = -1.6 + (i + 0.5) * h;
    const Y = -1.6 + (j + 0.5) * h;
    if ((X * X + Y * Y - 1) ** 3 - X * X * Y ** 3 <= 0) heart += h * h;
  }
  const unitAreas = [2, Math.PI / 2, (3 * Math.sqrt(3)) / 4, heart / 1.29069 ** 2];
  unitAreas.forEach((a, shape) => assert.ok(Math.abs(SPRITE_UNIT_AREAS[shape] - a) < 1e-3 * a, `unit area of ${SPRITE_SHAPES[shape]}`));
  for (let shape = 0; shape < 4; shape++) {
    const areas = [4, 8].map((scale) => {
      const f: SpriteFactors = { shape, scale, rotation: 0.3, x: 14.2, y: 13.7 };
      const img = renderSprite(f);
      const m = moments(img);
      assert.ok(Math.abs(m.area - unitAreas[shape] * scale * scale) < 0.015 * unitAreas[shape] * scale * scale, `${SPRITE_SHAPES[shape]} s=${scale}: area ${m.area} vs ${unitAreas[shape] * scale * scale}`);
      // every inked pixel meets the disc of radius s; the farthest pixel centre is near s
      let far = 0;
      img.forEach((v, p) => {
        if (v > -1) far = Math.max(far, Math.hypot((p % SIDE) + 0.5 - f.x, Math.floor(p / SIDE) + 0.5 - f.y));
      });
      assert.ok(far <= scale + Math.SQRT1_2 && far > scale - 1, `${SPRITE_SHAPES[shape]} s=${scale}: farthest ink at ${far}`);
      return m.area;
    });
    assert.ok(Math.abs(areas[1] / areas[0] - 4) < 0.05, `${SPRITE_SHAPES[shape]}: area ratio ${areas[1] / areas[0]} for twice the scale`);
  }
});

test("a square turned by 90° is the same image; by 45° it is not", () => {
  for (const [x, y] of [[14, 14], [10.5, 17], [12.37, 15.81]]) {
    const f: SpriteFactors = { shape: 0, scale: 7, rotation: 0.4, x, y };
    const a = renderSprite(f);
    const quarter = renderSprite({ ...f, rotation: f.rotation + Math.PI / 2 });
    const eighth = renderSprite({ ...f, rotation: f.rotation + Math.PI / 4 });
    const diff = (b: Float32Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0);
    assert.ok(diff(quarter) <= 2 * (2 / 64), `90° at (${x}, ${y}): Σ|Δ| = ${diff(quarter)} (at most two supersamples on exact edges)`);
    assert.ok(diff(eighth) > 20, `45° at (${x}, ${y}): Σ|Δ| = ${diff(eighth)} should be large`);
  }
});

test("a triangle's orientation: the third moment turns by 3δ, 120° is a symmetry, 60° is not", () => {
  const f: SpriteFactors = { shape: 2, scale: 7, rotation: 0.2, x: 13.6, y: 14.3 };
  const phase = (rotation: number) => moments(renderSprite({ ...f, rotation }), f.x, f.y, 3).phase;
  const p0 = phase(f.rotation);
  for (const d of [10, 25, 40]) {
    const turned = wrap(phase(f.rotation + deg(d)) - p0);
    assert.ok(Math.abs(wrap(turned - 3 * deg(d))) < deg(3), `δ = ${d}°: moment phase turned ${(turned * 180) / Math.PI}°, expected ${3 * d}°`);
  }
  const a = renderSprite(f);
  const diff = (rot: number) => renderSprite({ ...f, rotation: f.rotation + rot }).reduce((s, v, i) => s + Math.abs(v - a[i]), 0);
  assert.ok(diff(deg(120)) < 2, `120°: Σ|Δ| = ${diff(deg(120))}`);
  assert.ok(diff(deg(60)) > 20, `60°: Σ|Δ| = ${diff(deg(60))}`);
});

test("the ellipse's principal axis follows θ (modulo 180°)", () => {
  for (const theta of [0, 0.5, 1.2, 2.8, 4]) {
    const f: SpriteFactors = { shape: 1, scale: 7.5, rotation: theta, x: 14.3, y: 13.9 };
    const axis = moments(renderSprite(f), f.x, f.y, 2).phase / 2; // arg Σw(dx + i·dy)² = 2·(axis angle)
    assert.ok(Math.abs(wrap(2 * (axis - theta))) < deg(2), `θ = ${theta}: axis at ${axis}`);
  }
});

test("anti-aliasing: edge pixels are fractional, in steps of 2/64", () => {
  for (let shape = 0; shape < 4; shape++) {
    const img = renderSprite({ shape, scale: 6, rotation: 0.9, x: 14.3, y: 13.2 });
    const levels = Array.from(img, (v) => ((v + 1) / 2) * SUPERSAMPLE * SUPERSAMPLE);
    levels.forEach((l) => assert.ok(Math.abs(l - Math.round(l)) < 1e-4 && l >= 0 && l <= 64));
    const partial = levels.filter((l) => l > 0.5 && l < 63.5).length;
    const full = levels.filter((l) => l > 63.5).length;
    assert.ok(partial >= 12 && full >= 10, `${SPRITE_SHAPES[shape]}: ${partial} partial and ${full} full pixels`);
  }
});

test("the sampler: same seed, same bytes; factors in range; labels are the shapes; a LabelledData", () => {
  const data: LabelledData = spriteData;
  assert.equal(data.classes, 4);
  const a = spriteData.sample(50, new Rng(7)) as Float32Array;
  const b = spriteData.sample(50, new Rng(7)) as Float32Array;
  assert.deepEqual(Buffer.from(a.buffer), Buffer.from(b.buffer));
  assert.notDeepEqual(spriteData.sample(50, new Rng(8)), a);
  const { x, factors } = spriteData.sampleWithFactors(50, new Rng(7));
  assert.deepEqual(x, a);
  assert.deepEqual(Array.from(spriteData.sampleLabelled(50, new Rng(7)).labels), factors.map((f) => f.shape));
  const many = sampleSpriteFactors(4000, new Rng(9));
  for (const key of ["scale", "rotation", "x", "y"] as const) {
    const [lo, hi] = SPRITE_RANGES[key];
    const v = many.map((f) => f[key]);
    assert.ok(v.every((t) => t >= lo && t < hi), `${key} outside [${lo}, ${hi})`);
    const mean = v.reduce((s, t) => s + t, 0) / v.length;
    assert.ok(Math.abs(mean - (lo + hi) / 2) < 0.03 * (hi - lo), `${key}: mean ${mean} of a uniform on [${lo}, ${hi})`);
  }
  for (let s = 0; s < 4; s++) {
    const count = many.filter((f) => f.shape === s).length;
    assert.ok(count > 900 && count < 1100, `shape ${s}: ${count} of 4000`);
  }
  assert.throws(() => renderSprite({ shape: 4, scale: 5, rotation: 0, x: 14, y: 14 }), /sprite shape 4 is not one of 0\.\.3/);
  assert.throws(() => renderSprite({ shape: 1, scale: 5, rotation: NaN, x: 14, y: 14 }), /rotation is NaN/);
  assert.throws(() => renderSprite({ shape: 1, scale: 0, rotation: 0, x: 14, y: 14 }), /scale 0 must be > 0/);
});
