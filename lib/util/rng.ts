/**
 * Seeded, deterministic random numbers for everything outside TensorFlow.js.
 *
 * The core is SplitMix32 (a 32-bit state advanced by the golden-ratio increment 0x9E3779B9,
 * then mixed by two xor-shift-multiply rounds); each call yields 32 bits, and `uniform()` joins
 * two calls into a 53-bit float in [0, 1). Normals come from the Box–Muller transform
 *
 *   z₀ = √(−2 ln u₁) cos(2π u₂),  z₁ = √(−2 ln u₁) sin(2π u₂),  u₁ ∈ (0, 1], u₂ ∈ [0, 1),
 *
 * with z₁ kept for the next call. `child(label)` hashes (this seed, label) into a new seed, so
 * streams for different labels are independent of each other and of the order they are drawn.
 * {@link childSeed} derives the seeds of numbered members (seeds of an ensemble, repeats) from
 * the root `SEED` without leaving 32 bits.
 */

/** 32-bit finaliser (the mixing step of SplitMix32 / MurmurHash3's fmix32). */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** FNV-1a hash of a string, 32 bits. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const TWO_POW_32 = 4294967296;
const MAX_UINT32 = 0xffffffff;

/**
 * Seed of member `index` (0, 1, 2, …) of a run with root seed `root`: (mix32(root) + index) mod 2³².
 *
 * Any root in 0 … 2³²−1 and any index give a valid 32-bit seed (the old `root·1000 + index`
 * left 32 bits for roots above 4,294,967 and made `new Rng` throw). mix32 is a bijection of the
 * 32-bit integers with mix32(0) = 0, so
 *   - root 0 keeps the seeds 0, 1, 2, … of the runs committed so far;
 *   - different roots start their members at different, scattered points: two roots share a
 *     member seed only if their starts lie within the member count of each other
 *     (probability ≈ 2n/2³² per pair of roots for n members).
 */
export function childSeed(root: number, index: number): number {
  if (!Number.isInteger(root) || root < 0 || root > MAX_UINT32) {
    throw new RangeError(`childSeed: root seed must be an integer from 0 to ${MAX_UINT32}, got ${root}`);
  }
  if (!Number.isInteger(index) || index < 0 || index > MAX_UINT32) {
    throw new RangeError(`childSeed: index must be an integer from 0 to ${MAX_UINT32}, got ${index}`);
  }
  return (mix32(root) + index) % TWO_POW_32;
}
const TWO_POW_53 = 9007199254740992;

export class Rng {
  /** the seed this generator started from (a 32-bit unsigned integer) */
  readonly seed: number;
  private state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`Rng seed must be an integer from 0 to 4294967295, got ${seed}`);
    }
    this.seed = seed >>> 0;
    this.state = this.seed;
  }

  /** Next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    return mix32(this.state);
  }

  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /** Standard normal N(0, 1) by Box–Muller. */
  normal(): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    const u1 = 1 - this.uniform(); // (0, 1]: log is finite
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  /** Uniform integer in {0, …, n−1}, without modulo bias (rejection sampling). */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new RangeError(`Rng.int(n) needs an integer n from 1 to 2^32, got ${n}`);
    }
    const limit = TWO_POW_32 - (TWO_POW_32 % n); // largest multiple of n ≤ 2^32
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** An independent stream derived from this generator's seed and `label` (not its position). */
  child(label: string | number): Rng {
    const tag = typeof label === "number" ? `#${label}` : label;
    return new Rng(mix32((mix32(this.seed ^ 0x5bd1e995) ^ hashString(tag)) >>> 0));
  }

  /** A seed for `tf.random*` ops derived from this seed and `label` (an integer below 2³¹). */
  tfSeed(label: string | number): number {
    return this.child(label).nextUint32() >>> 1;
  }

  /** n draws from N(0, 1). */
  normalArray(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal();
    return out;
  }

  /** n draws uniform on [lo, hi) (default [0, 1)). */
  uniformArray(n: number, lo = 0, hi = 1): Float64Array {
    const out = new Float64Array(n);
    const width = hi - lo;
    for (let i = 0; i < n; i++) out[i] = lo + width * this.uniform();
    return out;
  }
}
