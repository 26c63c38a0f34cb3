/**
 * Prototype: the activation gradient of the engine's backward pass (lib/nn/activation.ts
 * activationGrad on the native backend: where(v > 0, dy, α·dy), 3–4 kernels) against
 * TensorFlow's own single kernels LeakyReluGrad / ReluGrad, called through the binding
 * (backend.executeSingleOutput, the way tfjs-node runs every op). Both compute
 * v > 0 ? dy : α·dy element by element; the values are compared (ReluGrad's zeros carry dy's sign).
 *
 *   node --import tsx bench/proto-ops.ts
 *
 * Prints µs per call (median of 5 repeats of ~0.2 s) for the shapes of one GAN, an ensemble of
 * 15 and notebook 05's 75 GANs.
 */
import * as tf from "@tensorflow/tfjs";
import * as os from "os";
import { selectBackend } from "../lib/env/backend";
import { activationGrad } from "../lib/nn/activation";
import { median, secondsPerCall } from "./timing";

interface NodeBackend {
  executeSingleOutput(name: string, attrs: unknown[], inputs: tf.Tensor[]): tf.Tensor;
}

/**
 * "identical bits", or "equal values, N zeros of opposite sign" (ReluGrad multiplies dy by 0 and
 * so gives −0 where dy < 0; −0 and +0 act alike in every later sum and product), or "DIFFERENT".
 */
function sameness(a: Float32Array, b: Float32Array): string {
  let signedZeros = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return "DIFFERENT";
    if (!Object.is(a[i], b[i])) signedZeros++;
  }
  return signedZeros === 0 ? "identical bits" : `equal values, ${signedZeros} zeros of opposite sign`;
}

/** µs per call, median of 5 repeats of about 0.2 s. */
function usPerCall(run: () => tf.Tensor): number {
  return median(secondsPerCall(run, 0.2, 5)) * 1e6;
}

async function main(): Promise<void> {
  await selectBackend("tensorflow");
  const backend = tf.backend() as unknown as NodeBackend;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodeBackend = require("@tensorflow/tfjs-node/dist/nodejs_kernel_backend") as {
    createTensorsTypeOpAttr(name: string, dtype: string): unknown;
  };
  const tAttr = nodeBackend.createTensorsTypeOpAttr("T", "float32");
  const lines = ["| shape | activation | where(v > 0, dy, α·dy): µs | TF kernel: µs | speed-up | same results |", "| --- | --- | --- | --- | --- | --- |"];
  for (const shape of [[1, 512, 256], [15, 512, 256], [15, 512, 128], [75, 512, 256], [75, 512, 128]]) {
    const pre = tf.randomNormal(shape, 0, 1, "float32", 1);
    const dy = tf.randomNormal(shape, 0, 1, "float32", 2);
    for (const [label, alpha] of [["relu", 0], ["leaky-relu(0.01)", 0.01]] as const) {
      const act = alpha === 0 ? ("relu" as const) : { leakyRelu: alpha };
      const ours = () => tf.tidy(() => activationGrad(act, pre, pre, dy));
      const kernel = () =>
        alpha === 0
          ? backend.executeSingleOutput("ReluGrad", [tAttr], [dy, pre])
          : backend.executeSingleOutput("LeakyReluGrad", [tAttr, { name: "alpha", type: 2 /* TF_ATTR_FLOAT */, value: alpha }], [dy, pre]);
      const a = ours();
      const b = kernel();
      const same = sameness(a.dataSync() as Float32Array, b.dataSync() as Float32Array);
      tf.dispose([a, b]);
      const tOurs = usPerCall(ours);
      const tKernel = usPerCall(kernel);
      lines.push(`| [${shape}] | ${label} | ${tOurs.toFixed(0)} | ${tKernel.toFixed(0)} | ${(tOurs / tKernel).toFixed(1)}× | ${same} |`);
    }
    tf.dispose([pre, dy]);
  }
  console.log(lines.join("\n"));
  console.log(`\nload ${os.loadavg().map((x) => x.toFixed(2)).join(" / ")} at end`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
