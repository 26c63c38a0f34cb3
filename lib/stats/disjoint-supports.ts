/**
 * Distributions with disjoint supports, where JS is stuck and W₁ is not.
 *
 * Parallel lines (Arjovsky, Chintala & Bottou 2017): Z ~ U[0, 1], P₀ the law of (0, Z) and P_θ
 * the law of (θ, Z). For θ ≠ 0 the supports are disjoint, so p·q = 0 everywhere:
 *   JS(P₀‖P_θ) = ½KL(P₀‖M) + ½KL(P_θ‖M) with M = ½(P₀ + P_θ) = ½·log 2 + ½·log 2 = log 2,
 *   KL(P₀‖P_θ) = +∞ (P₀ has mass where P_θ has none),
 *   TV = sup_A |P₀(A) − P_θ(A)| = 1 (A = the line x = 0),
 *   W₁ = |θ|: moving each (0, z) to (θ, z) costs |θ|, and the 1-Lipschitz critic f(x, y) = x·sign θ
 *   shows no plan is cheaper (E_{P_θ}[f] − E_{P₀}[f] = |θ|).
 * At θ = 0 all four are 0. JS here is the usual one (≤ log 2, natural log); f-GAN's
 * "jensen-shannon" row measures 2·JS = log 4.
 *
 * Discrete data (one-hot vectors): real samples are vertices e_k of the probability simplex in
 * ℝᴷ, a generator with a softmax output y = softmax(ℓ/τ) only reaches its interior. ‖y‖² = Σ y_k²
 * and max_k y_k equal 1 exactly on the vertices and are < 1 inside, so the threshold on either
 * separates real from fake perfectly for every finite temperature τ, with the margins
 *   1 − ‖y‖² = Σ_k y_k (1 − y_k),   1 − max_k y_k.
 * The supports are disjoint, so JS = log 2 whatever the generator does. For a confident
 * generator, logits ℓ = (δ, 0, …, 0) with a gap δ, a = e^(−δ/τ):
 *   1 − max y = (K − 1)a / (1 + (K − 1)a),   1 − ‖y‖² = (K − 1)a·(2 + (K − 2)a) / (1 + (K − 1)a)²,
 * both ≈ (K − 1)·e^(−δ/τ) → 0 as τ → 0 but positive: the margin shrinks, separation stays perfect.
 * The margins are computed as sums of the small entries, not as 1 − (a number near 1), so they
 * keep full relative precision down to e^(−δ/τ) ≈ 10⁻³⁰⁰.
 */

export interface ParallelLinesDivergences {
  /** the usual Jensen–Shannon divergence, natural log */
  js: number;
  kl: number;
  /** total variation sup_A |P(A) − Q(A)| */
  tv: number;
  w1: number;
}

/** JS, KL, TV and W₁ between P₀ and P_θ of the parallel-lines example. */
export function parallelLines(theta: number): ParallelLinesDivergences {
  if (!Number.isFinite(theta)) throw new RangeError(`parallel lines: θ must be finite, got ${theta}`);
  if (theta === 0) return { js: 0, kl: 0, tv: 0, w1: 0 };
  return { js: Math.log(2), kl: Infinity, tv: 1, w1: Math.abs(theta) };
}

/**
 * What a critic with a two-sided gradient penalty of weight λ reads on the parallel lines.
 * WGAN-GP's critic maximises E_{P_θ}[V] − E_{P₀}[V] − λ·E[(‖∇V(x̂)‖ − 1)²] with x̂ = αx + (1 − α)x̃,
 * α ~ U[0, 1], so x̂'s first coordinate is uniform on the gap between the lines. Writing s(u) for
 * the slope ∂V/∂x₁ at x₁ = u (a slope along z only adds to the norm), the objective is
 *   ∫₀^|θ| s(u) du − (λ/|θ|)·∫₀^|θ| (s(u) − 1)² du,
 * maximised pointwise at the constant slope s* = 1 + |θ|/(2λ). The critic's estimate
 * E_{P_θ}[V] − E_{P₀}[V] = |θ|·s* = |θ| + θ²/(2λ) overshoots W₁ = |θ| by θ²/(2λ) (5 % at θ = 1,
 * λ = 10), and the penalised objective at the optimum is |θ| + θ²/(4λ).
 */
export function penalisedCriticOnLines(theta: number, weight: number): { slope: number; estimate: number; objective: number } {
  if (!Number.isFinite(theta)) throw new RangeError(`penalisedCriticOnLines: θ must be finite, got ${theta}`);
  if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`penalisedCriticOnLines: the penalty weight λ must be finite and > 0, got ${weight}`);
  const t = Math.abs(theta);
  return { slope: 1 + t / (2 * weight), estimate: t + (t * t) / (2 * weight), objective: t + (t * t) / (4 * weight) };
}

/** JS, KL(p‖q) and TV of two probability vectors on the same finite set (0·log 0 = 0). */
export function discreteDivergences(p: readonly number[], q: readonly number[]): { js: number; kl: number; tv: number } {
  if (p.length !== q.length) throw new RangeError(`discreteDivergences: p has ${p.length} entries, q has ${q.length}`);
  let kl = 0, js = 0, tv = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    if (p[i] > 0) {
      kl += q[i] > 0 ? p[i] * Math.log(p[i] / q[i]) : Infinity;
      js += 0.5 * p[i] * Math.log(p[i] / m);
    }
    if (q[i] > 0) js += 0.5 * q[i] * Math.log(q[i] / m);
    tv += 0.5 * Math.abs(p[i] - q[i]);
  }
  return { js, kl, tv };
}

/**
 * W₁ between two 1-D samples of equal size: the mean |a₍ᵢ₎ − b₍ᵢ₎| of the sorted samples
 * (the optimal plan on the line matches order statistics).
 */
export function wasserstein1dSamples(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) throw new RangeError(`wasserstein1dSamples: needs two non-empty samples of equal size, got ${a.length} and ${b.length}`);
  const sa = [...a].sort((x, y) => x - y), sb = [...b].sort((x, y) => x - y);
  let s = 0;
  for (let i = 0; i < sa.length; i++) s += Math.abs(sa[i] - sb[i]);
  return s / sa.length;
}

/** softmax(ℓ/τ) in float64, shifted by the largest logit. */
export function softmax(logits: readonly number[], temperature: number): number[] {
  if (!(temperature > 0)) throw new RangeError(`softmax: temperature must be > 0, got ${temperature}`);
  const top = Math.max(...logits);
  const e = logits.map((l) => Math.exp((l - top) / temperature));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / z);
}

/** The separating scores ‖y‖² and max_k y_k (both 1 exactly for one-hot y). */
export function oneHotScores(y: readonly number[]): { sumOfSquares: number; max: number } {
  return { sumOfSquares: y.reduce((a, b) => a + b * b, 0), max: Math.max(...y) };
}

/**
 * Margins of a probability vector below the one-hot score 1: 1 − ‖y‖² = Σ_k y_k·(Σ_{j≠k} y_j) and
 * 1 − max y = Σ_{j≠argmax} y_j, with Σ_{j≠k} y_j from prefix and suffix sums (no 1 − (≈1)).
 */
export function oneHotMargins(y: readonly number[]): { sumOfSquares: number; max: number } {
  const n = y.length;
  const prefix = new Float64Array(n + 1), suffix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + y[i];
  for (let i = n - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + y[i];
  let squares = 0, top = 0;
  for (let k = 0; k < n; k++) {
    squares += y[k] * (prefix[k] + suffix[k + 1]);
    if (y[k] > y[top]) top = k;
  }
  return { sumOfSquares: squares, max: prefix[top] + suffix[top + 1] };
}

/** The two margins in closed form for K classes, logits (δ, 0, …, 0), temperature τ. */
export function confidentGeneratorMargins(classes: number, gap: number, temperature: number): { sumOfSquares: number; max: number } {
  if (!Number.isInteger(classes) || classes < 2) throw new RangeError(`classes must be an integer ≥ 2, got ${classes}`);
  if (!(temperature > 0)) throw new RangeError(`temperature must be > 0, got ${temperature}`);
  const a = Math.exp(-gap / temperature), k1 = classes - 1;
  const z = 1 + k1 * a;
  return { sumOfSquares: (k1 * a * (2 + (classes - 2) * a)) / (z * z), max: (k1 * a) / z };
}

/**
 * min(real scores) − max(fake scores): > 0 means the threshold halfway between separates the
 * two samples without error (the discriminator's accuracy is 1).
 */
export function separationMargin(realScores: readonly number[], fakeScores: readonly number[]): number {
  return Math.min(...realScores) - Math.max(...fakeScores);
}
