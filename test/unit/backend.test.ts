import { test } from "node:test";
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { backendReport, selectBackend } from "../../lib/env/backend";
import { Rng } from "../../lib/util/rng";

/** C = A·B by the triple loop in float64: the oracle for tf.matMul. */
function matMulLoop(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      c[i * n + j] = s;
    }
  return c;
}

/** Runs a [5, 7]·[7, 3] matMul on the active backend and compares it to the loop. */
function checkMatMul(): void {
  const rng = new Rng(3);
  const [m, k, n] = [5, 7, 3];
  const a = rng.normalArray(m * k), b = rng.normalArray(k * n);
  const before = tf.memory().numTensors;
  const c = tf.tidy(() =>
    tf.matMul(tf.tensor2d(Float32Array.from(a), [m, k]), tf.tensor2d(Float32Array.from(b), [k, n])),
  );
  const got = c.dataSync();
  c.dispose();
  assert.equal(tf.memory().numTensors, before, "tensors leaked");
  const want = matMulLoop(a, b, m, k, n);
  for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i] - want[i]) < 1e-4, `entry ${i}: ${got[i]} vs ${want[i]}`);
}

test("auto picks a working backend (tensorflow > wasm > cpu) whose matMul equals the loop", async () => {
  const saved = process.env.TFJS_BACKEND;
  delete process.env.TFJS_BACKEND;
  const name = await selectBackend();
  if (saved !== undefined) process.env.TFJS_BACKEND = saved;
  assert.ok(["tensorflow", "wasm", "cpu"].includes(name));
  assert.equal(tf.getBackend(), name);
  // auto never settles for cpu when the wasm backend is installed
  assert.notEqual(name, "cpu");
  checkMatMul();
  const report = backendReport();
  assert.equal(report.backend, name);
  assert.equal(report.versions.tfjs, tf.version.tfjs);
  assert.equal(report.versions.node, process.versions.node);
  assert.match(report.versions["plotly.js"], /^\d+\.\d+\.\d+$/);
  if (name === "tensorflow") assert.match(report.versions.libtensorflow, /^\d+\.\d+/);
});

test("TFJS_BACKEND=cpu is honoured, then an explicit wasm request", async () => {
  const saved = process.env.TFJS_BACKEND;
  process.env.TFJS_BACKEND = "cpu";
  try {
    assert.equal(await selectBackend(), "cpu");
    assert.equal(tf.getBackend(), "cpu");
    checkMatMul();
  } finally {
    if (saved === undefined) delete process.env.TFJS_BACKEND;
    else process.env.TFJS_BACKEND = saved;
  }
  const before = tf.memory().numTensors;
  assert.equal(await selectBackend("wasm"), "wasm");
  assert.equal(tf.memory().numTensors, before, "selecting a backend leaves no tensors behind");
  assert.equal(tf.getBackend(), "wasm");
  checkMatMul();
});

test("an unknown backend is refused, naming the variable and the choices", async () => {
  const saved = process.env.TFJS_BACKEND;
  process.env.TFJS_BACKEND = "gpu";
  try {
    await assert.rejects(selectBackend(), /TFJS_BACKEND="gpu" is not allowed: use one of auto, tensorflow, wasm, cpu/);
  } finally {
    if (saved === undefined) delete process.env.TFJS_BACKEND;
    else process.env.TFJS_BACKEND = saved;
  }
  await assert.rejects(selectBackend("webgpu" as never), /"webgpu" is not allowed/);
});
