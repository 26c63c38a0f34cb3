/**
 * Smoke test of the native TensorFlow backend (@tensorflow/tfjs-node, provisioned by
 * scripts/setup-tfjs-node.sh). Numbers computed by libtensorflow are checked against plain
 * JavaScript in float64: a triple-loop matrix product, closed-form gradients and central
 * finite differences.
 *
 * When the binding cannot be loaded the tests are skipped with the load error as reason,
 * unless REQUIRE_NATIVE=1, in which case they fail with it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type * as TfNode from "@tensorflow/tfjs-node";

type Tf = typeof TfNode;

function loadNative(): { tf: Tf; error?: undefined } | { tf?: undefined; error: Error } {
  // libtensorflow reads this when it loads: 2 hides its INFO/WARNING lines (CPU features).
  process.env.TF_CPP_MIN_LOG_LEVEL ??= "2";
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { tf: require("@tensorflow/tfjs-node") as Tf };
  } catch (e) {
    return { error: e instanceof Error ? e : new Error(String(e)) };
  }
}

const native = loadNative();
const requireNative = process.env.REQUIRE_NATIVE === "1";

/** Runs `body` with the native module, or skips / fails the test when it did not load. */
function withNative(t: { skip(reason: string): void }, body: (tf: Tf) => void): void {
  if (native.tf === undefined) {
    const reason = `native backend unavailable: ${native.error.message.split("\n")[0].trim()}`;
    if (requireNative) throw new Error(`REQUIRE_NATIVE=1 but ${reason}\n${native.error.stack}`);
    t.skip(reason);
    return;
  }
  const before = native.tf.memory().numTensors;
  body(native.tf);
  assert.equal(native.tf.memory().numTensors, before, "tensors leaked");
}

/**
 * Runs `fn` in tf.tidy and reads the result back. The TypedArray is read outside tidy:
 * tidy walks every element of a returned container looking for tensors.
 */
function read(tf: Tf, fn: () => TfNode.Tensor): ArrayLike<number> {
  const out = tf.tidy(fn);
  try {
    return out.dataSync();
  } finally {
    out.dispose();
  }
}

/** Deterministic test values in (-1, 1): a fixed irrational-step sine sequence. */
function values(n: number, phase: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.sin(1.7 * i + phase));
}

/** Plain product of row-major a [m, k] and b [k, n] → [m, n], accumulated in float64. */
function matMulLoops(a: number[], b: number[], m: number, k: number, n: number): number[] {
  const c = new Array<number>(m * n).fill(0);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++)
      for (let p = 0; p < k; p++) c[i * n + j] += a[i * k + p] * b[p * n + j];
  return c;
}

function assertClose(actual: ArrayLike<number>, expected: number[], tol: number, what: string) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    assert.ok(err <= tol * (1 + Math.abs(expected[i])),
      `${what}[${i}]: got ${actual[i]}, expected ${expected[i]} (|err| ${err})`);
  }
}

test("native backend is active: tfjs-node registers and selects 'tensorflow'", (t) => {
  withNative(t, (tf) => {
    assert.equal(tf.getBackend(), "tensorflow");
    // The binding exports TF_Version(), the version string of the loaded libtensorflow.
    const binding = (tf.backend() as unknown as { binding: { TF_Version: string } }).binding;
    assert.match(binding.TF_Version, /^\d+\.\d+\.\d+/);
    const line = `native backend: tensorflow (libtensorflow ${binding.TF_Version})`;
    console.log(line);
    t.diagnostic(line);
  });
});

test("matMul [5,7]x[7,3] on libtensorflow equals the triple loop", (t) => {
  withNative(t, (tf) => {
    const [m, k, n] = [5, 7, 3];
    const a = values(m * k, 0.3);
    const b = values(k * n, 1.1);
    const got = read(tf, () => tf.matMul(tf.tensor2d(a, [m, k]), tf.tensor2d(b, [k, n])));
    assertClose(got, matMulLoops(a, b, m, k, n), 1e-5, "matMul");
  });
});

test("tf.grad of Σ x² sin x matches the closed form and finite differences", (t) => {
  withNative(t, (tf) => {
    const x = values(6, 0.5).map((v) => 2 * v);
    // f(x) = Σ_i x_i² sin x_i, ∂f/∂x_i = 2 x_i sin x_i + x_i² cos x_i
    const f = (v: TfNode.Tensor) => tf.sum(tf.mul(tf.square(v), tf.sin(v)));
    const got = read(tf, () => tf.grad(f)(tf.tensor1d(x)));
    const closed = x.map((v) => 2 * v * Math.sin(v) + v * v * Math.cos(v));
    assertClose(got, closed, 1e-5, "closed form");

    const fJs = (v: number[]) => v.reduce((s, xi) => s + xi * xi * Math.sin(xi), 0);
    const h = 1e-5;
    const fd = x.map((_, i) => {
      const up = x.slice(); up[i] += h;
      const down = x.slice(); down[i] -= h;
      return (fJs(up) - fJs(down)) / (2 * h);
    });
    assertClose(got, fd, 1e-4, "finite differences");
  });
});

test("tf.grad of ‖A W‖² through matMul matches 2 Aᵀ(A W)", (t) => {
  withNative(t, (tf) => {
    const [m, k, n] = [4, 3, 2];
    const a = values(m * k, 2.0);
    const w = values(k * n, 0.7);
    // g(W) = Σ (A W)², ∂g/∂W = 2 Aᵀ (A W): [k, n]
    const g = (wt: TfNode.Tensor) => tf.sum(tf.square(tf.matMul(tf.tensor2d(a, [m, k]), wt as TfNode.Tensor2D)));
    const got = read(tf, () => tf.grad(g)(tf.tensor2d(w, [k, n])));
    const aw = matMulLoops(a, w, m, k, n);
    const aT = Array.from({ length: k * m }, (_, idx) => a[(idx % m) * k + Math.floor(idx / m)]);
    assertClose(got, matMulLoops(aT, aw, k, m, n).map((v) => 2 * v), 1e-5, "2 Aᵀ(A W)");
  });
});
