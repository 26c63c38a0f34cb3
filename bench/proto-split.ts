/**
 * Prototype: does an ensemble train faster as two processes, each with half the members and one
 * intra-op thread, than as one process with two threads? A step is mostly single-threaded op
 * dispatch (bench/profile.ts), so the second core idles outside the matMuls.
 *
 *   node --import tsx bench/proto-split.ts
 *
 * For K = 15 (latent 10) and notebook 05's 75 GANs (latent 1 … 100): one child with all K
 * members and TF_NUM_INTRAOP_THREADS=2, then two children started together with ⌈K/2⌉ and
 * ⌊K/2⌋ members and TF_NUM_INTRAOP_THREADS=1 each; every child warms up, then counts steps for
 * SPLIT_SECONDS (default 8) and reports GAN-steps/s; the two halves' rates are added. Rounds
 * (SPLIT_ROUNDS, default 3) alternate the two layouts; medians are printed. With the pins, one
 * and two threads give the same bits (docs/determinism.md), so the split keeps the numbers.
 */
import { spawn } from "child_process";
import * as os from "os";
import { selectBackend } from "../lib/env/backend";
import { NATIVE_PINS } from "../lib/env/determinism";
import { parseInteger, repoRoot } from "../lib/env/params";
import { createEngineEnsemble, notebookLatentDims } from "./engine";
import { referenceSpec } from "./flops";
import { median } from "./timing";

const PREFIX = "SPLIT_RESULT ";
const now = () => Number(process.hrtime.bigint()) / 1e9;

async function child(members: number, offset: number, mixed: boolean, seconds: number): Promise<void> {
  await selectBackend("tensorflow");
  const dims = mixed ? notebookLatentDims(offset + members).slice(offset) : undefined;
  const gan = createEngineEnsemble(referenceSpec(10), members, dims);
  for (let i = 0; i < 3; i++) await gan.step();
  const t0 = now();
  let steps = 0;
  while (now() - t0 < seconds) {
    await gan.step();
    steps++;
  }
  const rate = (steps * members) / (now() - t0);
  gan.dispose();
  console.log(PREFIX + JSON.stringify({ ganStepsPerSecond: rate }));
}

function runChild(members: number, offset: number, mixed: boolean, threads: number, seconds: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--import", "tsx", __filename, "--child", String(members), String(offset), mixed ? "1" : "0", String(seconds)], {
      cwd: repoRoot(),
      env: { ...process.env, ...NATIVE_PINS, TF_NUM_INTRAOP_THREADS: String(threads) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString()));
    p.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(PREFIX));
      if (line) resolve((JSON.parse(line.slice(PREFIX.length)) as { ganStepsPerSecond: number }).ganStepsPerSecond);
      else reject(new Error(`child exited ${code} without a result`));
    });
  });
}

async function main(): Promise<void> {
  const rounds = parseInteger("SPLIT_ROUNDS", process.env.SPLIT_ROUNDS, { min: 1, max: 20 }, 3);
  const seconds = parseInteger("SPLIT_SECONDS", process.env.SPLIT_SECONDS, { min: 1, max: 120 }, 8);
  const load0 = os.loadavg();
  const lines = ["| ensemble | one process, 2 threads: GAN-steps/s | two processes × 1 thread: GAN-steps/s | ratio |", "| --- | --- | --- | --- |"];
  for (const [label, k, mixed] of [["15 GANs, latent 10", 15, false], ["75 GANs, notebook 05 (latent 1 … 100)", 75, true]] as const) {
    const one: number[] = [];
    const two: number[] = [];
    for (let r = 0; r < rounds; r++) {
      one.push(await runChild(k, 0, mixed, 2, seconds));
      const half = Math.ceil(k / 2);
      const parts = await Promise.all([runChild(half, 0, mixed, 1, seconds), runChild(k - half, half, mixed, 1, seconds)]);
      two.push(parts[0] + parts[1]);
      console.error(`  ${label} round ${r + 1}: one ${one[r].toFixed(1)}, two ${two[r].toFixed(1)} GAN-steps/s`);
    }
    lines.push(`| ${label} | ${median(one).toFixed(1)} | ${median(two).toFixed(1)} | ${(median(two) / median(one)).toFixed(2)}× |`);
  }
  console.log(lines.join("\n"));
  console.log(`\nmedians of ${rounds} rounds, ${seconds} s each; load ${load0.map((x) => x.toFixed(2)).join(" / ")} at start, ${os.loadavg().map((x) => x.toFixed(2)).join(" / ")} at end`);
}

if (require.main === module) {
  const run = process.argv[2] === "--child"
    ? child(Number(process.argv[3]), Number(process.argv[4]), process.argv[5] === "1", Number(process.argv[6]))
    : main();
  run.catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
