/**
 * Adam (both ε forms) and RMSProp against the update rules written out in float64 JavaScript,
 * over a fixed sequence of gradients; the PyTorch-form Adam also against tf.train.adam (a second
 * implementation); the grouped update of variables of many shapes element by element against
 * the same float64 rule; and an optimizer bound to one variable list never moves another variable.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { adam, createOptimizer, rmsprop, updateGroups, type OptimizerSpec } from "../../lib/train/optimizers";

const theta0 = [0.5, -1.2, 0.03, 2.0];
const gradSeq = [[0.1, -0.4, 2.0, 0.0], [-0.3, 0.2, 1.5, 1e-3], [0.05, 0.05, -0.7, -2.0]];

/** Reference: the update rules of lib/train/optimizers.ts typed again in float64. */
function reference(spec: OptimizerSpec): number[] {
  const th = [...theta0], m = th.map(() => 0), v = th.map(() => 0);
  gradSeq.forEach((g, step) => {
    const t = step + 1;
    th.forEach((_, i) => {
      if (spec.kind === "adam") {
        m[i] = spec.beta1 * m[i] + (1 - spec.beta1) * g[i];
        v[i] = spec.beta2 * v[i] + (1 - spec.beta2) * g[i] ** 2;
        const c1 = 1 - spec.beta1 ** t, c2 = 1 - spec.beta2 ** t;
        th[i] -= spec.form === "pytorch"
          ? spec.learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + spec.epsilon)
          : spec.learningRate * (Math.sqrt(c2) / c1) * m[i] / (Math.sqrt(v[i]) + spec.epsilon);
      } else {
        v[i] = spec.alpha * v[i] + (1 - spec.alpha) * g[i] ** 2;
        th[i] -= spec.learningRate * g[i] / (Math.sqrt(v[i]) + spec.epsilon);
      }
    });
  });
  return th;
}

function run(spec: OptimizerSpec): number[] {
  const theta = tf.variable(tf.tensor1d(theta0));
  const opt = createOptimizer(spec, [theta]);
  for (const g of gradSeq) {
    const gt = tf.tensor1d(g);
    opt.apply([gt]);
    gt.dispose();
  }
  assert.equal(opt.iterations, gradSeq.length);
  const out = Array.from(theta.dataSync());
  opt.dispose();
  theta.dispose();
  return out;
}

function assertClose(a: number[], b: number[], tol: number): void {
  a.forEach((x, i) => assert.ok(Math.abs(x - b[i]) <= tol * (1 + Math.abs(b[i])), `[${i}] ${x} vs ${b[i]}`));
}

for (const spec of [adam(1e-3, 0.5), adam(2e-4, 0.5, 0.999, 1e-7, "pytorch"), adam(1e-4, 0.0, 0.9, 1e-8, "pytorch"), rmsprop(5e-5), rmsprop(0.1)]) {
  test(`${JSON.stringify(spec)} follows its update rule`, () => {
    assertClose(run(spec), reference(spec), 1e-6);
  });
}

test("pytorch-form Adam agrees with tf.train.adam", () => {
  const spec = adam(0.01, 0.5, 0.9, 1e-8, "pytorch");
  const theta = tf.variable(tf.tensor1d(theta0));
  const tfOpt = tf.train.adam(0.01, 0.5, 0.9, 1e-8);
  for (const g of gradSeq) {
    const gt = tf.tensor1d(g);
    tfOpt.applyGradients([{ name: theta.name, tensor: gt }]);
    gt.dispose();
  }
  assertClose(run(spec), Array.from(theta.dataSync()), 1e-5);
  tfOpt.dispose();
  theta.dispose();
});

test("grouped (and single) update of many shapes equals the rule applied variable by variable", () => {
  // weights and biases of two ensemble layers (one group each), a 2-D, a 1-D and a scalar variable
  const shapes = [[2, 3, 4], [2, 1, 4], [2, 4, 1], [2, 1, 1], [2, 5, 4], [3, 2], [5, 2], [3], [4], []];
  const groups = updateGroups(shapes.map((s) => tf.zeros(s)));
  assert.deepEqual(groups.map((g) => g.indices), [[0, 1, 4], [2, 3], [5, 6], [7, 8], [9]]);
  for (const [spec, grouping] of [[adam(1e-2, 0.5), "grouped"], [adam(1e-3, 0.0, 0.9, 1e-8, "pytorch"), "grouped"], [rmsprop(0.05), "grouped"], [adam(1e-2, 0.5), "single"]] as const) {
    const sizes = shapes.map((s) => s.reduce((a, b) => a * b, 1));
    const total = sizes.reduce((a, b) => a + b, 0);
    // every element an independent copy of the 4-element problem of `reference`, cycling through it
    const flat = (seq: number[]) => Array.from({ length: total }, (_, i) => seq[i % seq.length]);
    const vars = shapes.map((s, j) => {
      const off = sizes.slice(0, j).reduce((a, b) => a + b, 0);
      return tf.variable(tf.tensor(flat(theta0).slice(off, off + sizes[j]), s));
    });
    const opt = createOptimizer(spec, vars, grouping);
    for (const g of gradSeq) {
      const gs = shapes.map((s, j) => {
        const off = sizes.slice(0, j).reduce((a, b) => a + b, 0);
        return tf.tensor(flat(g).slice(off, off + sizes[j]), s);
      });
      opt.apply(gs);
      tf.dispose(gs);
    }
    const got = vars.flatMap((v) => Array.from(v.dataSync()));
    assertClose(got, flat(reference(spec)), 1e-6);
    opt.dispose();
    tf.dispose(vars);
  }
});

test("an optimizer bound to one variable list cannot move another", () => {
  const a = tf.variable(tf.tensor1d([1, 2])), b = tf.variable(tf.tensor1d([3, 4]));
  const opt = createOptimizer(adam(0.1, 0.5), [a]);
  const g = tf.tensor1d([1, -1]);
  opt.apply([g]);
  assert.deepEqual(Array.from(b.dataSync()), [3, 4]);
  assert.notDeepEqual(Array.from(a.dataSync()), [1, 2]);
  assert.throws(() => opt.apply([g, g]), /2 gradients for 1 variables/);
  [a, b, g].forEach((t) => t.dispose());
  opt.dispose();
});
