/**
 * Same seed, same bits, on this machine and on the machine that recorded the committed value:
 * the probe GAN of bench/checksum.ts (notebook 05's reference model, latent widths 1, 10 and
 * 100) is trained here and the SHA-256 of its final weights and Adam slots is compared with a
 * committed checksum. The oracle is that committed run, made on another process (and, in CI,
 * possibly another CPU): equality means this machine repeats the committed numbers bit for bit.
 *
 * Cases that must differ show that the comparison can see a change of code path: oneDNN's
 * SSE4.1 kernels, and Eigen's matMul instead of oneDNN's, each give other bits. Under V8 with
 * AVX, AVX2 and FMA switched off (an older CPU, as far as WebAssembly is concerned) the wasm
 * backend must give the SAME bits.
 *
 * When a checksum differs after an intended change of the numerics (lib/nn, lib/train,
 * lib/losses, the pins), record the new values from the failure message, here, and re-run the
 * notebooks (docs/determinism.md).
 */
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import { spawnSync } from "child_process";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../lib/env/backend";
import { applyNativePins, NATIVE_PINS, nativePinOverrides, nativePinsReport, onednnBatchThreads, onednnBatchThreadsHere } from "../../lib/env/determinism";
import { COMMITTED_CHECKSUMS, COMMITTED_ONEDNN_THREADS, COMMITTED_STEPS, runProbe } from "../../bench/checksum";
import { NATIVE_VARIANTS, probeInChild, type Variant } from "../../bench/determinism";


const requireNative = process.env.REQUIRE_NATIVE === "1";
const cpu = `${os.cpus()[0]?.model.trim() ?? "unknown CPU"}, ${os.cpus().length} cores`;

function meaning(backend: keyof typeof COMMITTED_CHECKSUMS, got: string): string {
  return [
    `${backend} backend: the probe GAN's final weights have checksum ${got}, the committed run has ${COMMITTED_CHECKSUMS[backend]} (${COMMITTED_STEPS[backend]} steps).`,
    `This machine (${cpu}) does not repeat the committed numbers bit for bit, so notebook results`,
    "(metrics, figures) made here will differ from the committed ones in their digits and, for chaotic GAN training, more.",
    backend === "tensorflow"
      ? [
          `Native pins in force: ${nativePinsReport()}.`,
          `oneDNN splits a batched matMul over ${onednnBatchThreadsHere() ?? "an unknown number of"} threads here (the committed run: ${COMMITTED_ONEDNN_THREADS}): the CPUs this process may use, capped on Intel by the physical cores per package; no variable sets it.`,
          "See docs/determinism.md for what the pins cover and what stays CPU-dependent.",
        ].join("\n")
      : "WebAssembly should give the same bits on every CPU: a difference means the wasm backend or its kernels changed.",
    `If lib/nn, lib/train, lib/losses or the pins were changed on purpose, record ${got} in test/unit/determinism.test.ts and re-run the notebooks.`,
  ].join("\n");
}

/** Selects the native backend; false (test skipped) when it cannot load, unless REQUIRE_NATIVE=1. */
async function nativeOrSkip(t: TestContext): Promise<boolean> {
  try {
    await selectBackend("tensorflow");
    return true;
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    if (requireNative) assert.fail(`native backend required (REQUIRE_NATIVE=1) but: ${why}`);
    t.skip(`native backend unavailable: ${why}`);
    return false;
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "latent-walk-determinism-test-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));

function childChecksum(variant: Variant, backend: string, steps: number): string {
  const r = probeInChild(variant, backend, steps, path.join(tmp, `${variant.name.replace(/\W+/g, "-")}.f32`));
  if (r instanceof Error) throw r;
  return r.checksum;
}

test("applyNativePins sets only unset variables; an empty value keeps the library default", () => {
  const env: Record<string, string | undefined> = { TF_ENABLE_ONEDNN_OPTS: "0", ONEDNN_MAX_CPU_ISA: "" };
  const values = applyNativePins(env);
  assert.equal(env.TF_ENABLE_ONEDNN_OPTS, "0", "a user's value is kept");
  assert.equal(env.ONEDNN_MAX_CPU_ISA, "", "an empty value is kept");
  assert.equal(env.TF_NUM_INTRAOP_THREADS, NATIVE_PINS.TF_NUM_INTRAOP_THREADS, "an unset variable is pinned");
  assert.deepEqual(values, { TF_ENABLE_ONEDNN_OPTS: "0", ONEDNN_MAX_CPU_ISA: "", TF_NUM_INTRAOP_THREADS: NATIVE_PINS.TF_NUM_INTRAOP_THREADS });
  assert.deepEqual(nativePinOverrides(env), [
    `TF_ENABLE_ONEDNN_OPTS=0 (pinned: ${NATIVE_PINS.TF_ENABLE_ONEDNN_OPTS})`,
    `ONEDNN_MAX_CPU_ISA=(library default) (pinned: ${NATIVE_PINS.ONEDNN_MAX_CPU_ISA})`,
  ]);
  assert.match(nativePinsReport(env), /^NOT the project's pins/);
  assert.match(nativePinsReport(applyNativePins({})), /^pinned \(/);
});

test("native backend: the probe GAN ends with the committed checksum (same bits as the committed run)", async (t) => {
  if (!(await nativeOrSkip(t))) return;
  assert.deepEqual(nativePinOverrides(), [], `the test must run with the project's pins: ${nativePinsReport()}`);
  const { checksum } = runProbe(COMMITTED_STEPS.tensorflow);
  assert.equal(checksum, COMMITTED_CHECKSUMS.tensorflow, meaning("tensorflow", checksum));
});

test("native backend: other kernels give other bits (the checksum sees the code path; the variables reach libtensorflow)", async (t) => {
  if (!(await nativeOrSkip(t))) return;
  const steps = 10;
  const pinned = runProbe(steps).checksum;
  const sse = childChecksum({ name: "sse41", env: { ...NATIVE_PINS, ONEDNN_MAX_CPU_ISA: "SSE41" } }, "tensorflow", steps);
  assert.notEqual(sse, pinned, "ONEDNN_MAX_CPU_ISA=SSE41 must change the bits: if not, the variable does not reach oneDNN");
  const eigen = childChecksum({ name: "eigen", env: { ...NATIVE_PINS, TF_ENABLE_ONEDNN_OPTS: "0" } }, "tensorflow", steps);
  assert.notEqual(eigen, pinned, "TF_ENABLE_ONEDNN_OPTS=0 must change the bits: if not, the variable does not reach TensorFlow");
});

test("oneDNN's thread count for a batched matMul: the CPUs this process may use, capped on Intel by the cores CPUID reports", () => {
  const intel = (cores: number, siblings: number) => `processor\t: 0\nvendor_id\t: GenuineIntel\nsiblings\t: ${siblings}\ncpu cores\t: ${cores}\n`;
  const amd = "processor\t: 0\nvendor_id\t: AuthenticAMD\nsiblings\t: 2\ncpu cores\t: 1\n";
  assert.equal(onednnBatchThreads(intel(1, 2), 2, 2), 1, "a 2-vCPU Intel VM of one core with two hyper-threads: 1");
  assert.equal(onednnBatchThreads(intel(2, 2), 2, 2), 2);
  assert.equal(onednnBatchThreads(intel(16, 32), 4, 32), 4, "process affinity caps it");
  assert.equal(onednnBatchThreads(amd, 2, 2), 2, "other vendors: the online CPUs, whatever cpu cores says");
  assert.equal(onednnBatchThreads(amd, 1, 2), 1);
  assert.equal(onednnBatchThreads("", 8, 8), 8, "no /proc/cpuinfo fields: the online CPUs");
});

test("native backend: the thread count oneDNN plans with changes the bits of batched products, not of per-member ones; TF_NUM_INTRAOP_THREADS does not", async (t) => {
  if (!(await nativeOrSkip(t))) return;
  if (os.availableParallelism() < 2 || onednnBatchThreadsHere() !== COMMITTED_ONEDNN_THREADS) return t.skip(`needs a machine where oneDNN plans with ${COMMITTED_ONEDNN_THREADS} threads`);
  if (spawnSync("taskset", ["-c", "0", "true"]).status !== 0) return t.skip("taskset (util-linux) is not available");
  const steps = 10;
  const variant = (name: string): Variant => {
    const v = NATIVE_VARIANTS.find((x) => x.name === name);
    if (!v) throw new Error(`bench/determinism.ts has no native variant "${name}"`);
    return v;
  };
  const probe = (name: string) => childChecksum(variant(name), "tensorflow", steps);
  const here = probe("project pins");
  const oneIntraOp = probe("project pins, 1 thread");
  assert.equal(oneIntraOp, here, "TensorFlow's intra-op thread count must not change the bits (the pins rely on it)");
  const oneCpu = probe("project pins, 1 CPU visible");
  assert.notEqual(oneCpu, here, "one visible CPU makes oneDNN plan batched matMuls with 1 thread, which gives other bits (docs/determinism.md)");
  const perMember = probe("project pins, per-member products");
  const perMemberOneCpu = probe("project pins, per-member products, 1 CPU visible");
  assert.notEqual(perMember, here, "per-member 2-D products round differently from the batched ones");
  assert.equal(perMemberOneCpu, perMember, "per-member 2-D products (denseMode \"fast\") must give the same bits with 1 and 2 visible CPUs: the measured fix of docs/determinism.md");
});

test("wasm backend: the probe GAN ends with the committed checksum, also when V8 may not use AVX, AVX2 or FMA", async () => {
  await selectBackend("wasm");
  assert.equal(tf.getBackend(), "wasm");
  const { checksum } = runProbe(COMMITTED_STEPS.wasm);
  assert.equal(checksum, COMMITTED_CHECKSUMS.wasm, meaning("wasm", checksum));
  const oldCpu = childChecksum({ name: "wasm-no-avx", env: {}, nodeFlags: ["--no-enable-avx", "--no-enable-avx2", "--no-enable-fma3"] }, "wasm", COMMITTED_STEPS.wasm);
  assert.equal(oldCpu, checksum, "WebAssembly compiled without AVX/AVX2/FMA must give the same bits");
});
