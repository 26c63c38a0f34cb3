/**
 * Prototype: how fast are the matMuls of an ensemble step in the layouts the engine uses, on the
 * native backend, with oneDNN's AVX2 ceiling (the pins) and with the library default (AVX-512
 * kernels where the CPU has them)?
 *
 *   node --import tsx bench/proto-matmul.ts
 *
 * For K members and the generator's hidden layer on its 512-vector batch ([512, 256]·[256, 256]
 * per member) and the discriminator's ([512, 128]·[128, 128]), three products a step needs:
 *   forward   x·W          [K, n, i]·[K, i, o]
 *   ∂x        δ·Wᵀ         [K, n, o]·[K, i, o]ᵀ   (transposeB)
 *   ∂W        xᵀ·δ         [K, n, i]ᵀ·[K, n, o]   (transposeA)
 * each as one batched matMul, and the forward product also as K separate 2-D matMuls. Prints
 * GFLOP/s (best of 5 repeats of ~0.3 s, the result read back at the end of each repeat), one
 * table per setting; each setting runs in a fresh process (libtensorflow reads it when it loads).
 */
import { spawnSync } from "child_process";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../lib/env/backend";
import { NATIVE_PINS } from "../lib/env/determinism";
import { repoRoot } from "../lib/env/params";
import { secondsPerCall } from "./timing";

const PREFIX = "MM_RESULT ";

/** Best GFLOP/s of 5 repeats of about 0.3 s. */
function gflops(flops: number, run: () => tf.Tensor): number {
  return flops / Math.min(...secondsPerCall(run, 0.3, 5)) / 1e9;
}

async function child(): Promise<void> {
  await selectBackend("tensorflow");
  const rows: string[] = [];
  for (const k of [1, 15, 75]) {
    for (const [label, n, i, o] of [["G hidden", 512, 256, 256], ["D hidden", 512, 128, 128]] as const) {
      const x = tf.randomNormal([k, n, i], 0, 1, "float32", 1) as tf.Tensor3D;
      const w = tf.randomNormal([k, i, o], 0, 1, "float32", 2) as tf.Tensor3D;
      const d = tf.randomNormal([k, n, o], 0, 1, "float32", 3) as tf.Tensor3D;
      const f = 2 * k * n * i * o;
      const xs = tf.unstack(x) as tf.Tensor2D[];
      const ws = tf.unstack(w) as tf.Tensor2D[];
      const forward = gflops(f, () => tf.matMul(x, w));
      const perMember = gflops(f, () => tf.tidy(() => tf.stack(xs.map((xi, m) => tf.matMul(xi, ws[m])))));
      const dx = gflops(f, () => tf.matMul(d, w, false, true));
      const dw = gflops(f, () => tf.matMul(x, d, true, false));
      rows.push(`| ${k} | ${label} [${n},${i}]·[${i},${o}] | ${forward.toFixed(1)} | ${perMember.toFixed(1)} | ${dx.toFixed(1)} | ${dw.toFixed(1)} |`);
      tf.dispose([x, w, d, ...xs, ...ws]);
    }
  }
  console.log(PREFIX + JSON.stringify(rows));
}

function main(): void {
  const settings: [string, Record<string, string>][] = [
    ["pinned (oneDNN on, ISA ≤ AVX2, 2 threads)", { ...NATIVE_PINS }],
    ["ISA library default (AVX-512 kernels here), oneDNN on, 2 threads", { ...NATIVE_PINS, ONEDNN_MAX_CPU_ISA: "" }],
  ];
  for (const [label, env] of settings) {
    const r = spawnSync(process.execPath, ["--import", "tsx", __filename, "--child"], { cwd: repoRoot(), env: { ...process.env, ...env }, encoding: "utf8" });
    const line = (r.stdout ?? "").split("\n").find((l) => l.startsWith(PREFIX));
    console.log(`\n${label}: GFLOP/s\n`);
    console.log("| K | layer (per member) | x·W batched | x·W as K 2-D matMuls | δ·Wᵀ batched | xᵀ·δ batched |\n| --- | --- | --- | --- | --- | --- |");
    console.log(line ? (JSON.parse(line.slice(PREFIX.length)) as string[]).join("\n") : `failed: ${r.stderr?.slice(-500)}`);
  }
}

if (require.main === module) {
  if (process.argv[2] === "--child") {
    child().catch((e) => {
      console.error(e);
      process.exit(1);
    });
  } else {
    main();
  }
}
