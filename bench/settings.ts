/**
 * Settings of `make bench`, from the environment (validated like lib/env/params.ts):
 *
 *   BENCH_QUICK     0/1   1: a smoke run of the harness (1 warm-up step, one repeat of 1 step,
 *                         K = 3); its numbers mean nothing
 *   BENCH_LATENT    1..100 latent width of every GAN (default 10, one of notebook 05's widths)
 *   BENCH_MEMBERS   2..64 ensemble size K (default 15: five latent widths × three datasets)
 *   BENCH_BACKENDS  comma list of tensorflow, wasm, cpu (default all three; unavailable ones
 *                   are reported as such)
 *   BENCH_PYTHON    0/1   run the Python references (default 1)
 */
import { parseChoice, parseFlag, parseInteger } from "../lib/env/params";

export type BenchBackend = "tensorflow" | "wasm" | "cpu";
const BACKENDS = ["tensorflow", "wasm", "cpu"] as const;

export interface BenchSettings {
  quick: boolean;
  latentDim: number;
  members: number;
  backends: BenchBackend[];
  python: boolean;
}

export function benchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const quick = parseFlag("BENCH_QUICK", env.BENCH_QUICK, false);
  const backends = (env.BENCH_BACKENDS ?? BACKENDS.join(","))
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => parseChoice("BENCH_BACKENDS", s, BACKENDS, "cpu"));
  return {
    quick,
    latentDim: parseInteger("BENCH_LATENT", env.BENCH_LATENT, { min: 1, max: 100 }, 10),
    members: parseInteger("BENCH_MEMBERS", env.BENCH_MEMBERS, { min: 2, max: 64 }, quick ? 3 : 15),
    backends,
    python: parseFlag("BENCH_PYTHON", env.BENCH_PYTHON, true),
  };
}
