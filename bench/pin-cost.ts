/**
 * What the determinism pins (lib/env/determinism.ts) cost in speed on this machine:
 *
 *   node --import tsx bench/pin-cost.ts
 *
 * Variants: the project's pins; the library defaults (every pin variable empty); and each pin
 * relaxed alone. Each round starts one fresh child process per variant (libtensorflow reads the
 * variables once, when it loads), in turn, so load changes hit every variant alike; a child
 * warms up, then times the engine on one GAN and on an ensemble of K (bench/engine.ts, the
 * reference GAN of bench/flops.ts) over a fixed number of steps. The table gives the median
 * over rounds of steps/s and the ratio to the pinned variant.
 *
 * Settings: PIN_ROUNDS (default 5), PIN_MEMBERS (K, default 15), PIN_SECONDS (time per timed
 * block, default 3).
 */
import { spawnSync } from "child_process";
import * as os from "os";
import { backendReport, selectBackend } from "../lib/env/backend";
import { NATIVE_PIN_NAMES, NATIVE_PINS } from "../lib/env/determinism";
import { parseInteger, repoRoot } from "../lib/env/params";
import { createEngineEnsemble } from "./engine";
import { referenceSpec } from "./flops";
import { calibrate, median, timeRepeat, type TimingPlan } from "./timing";

interface Variant {
  name: string;
  env: Record<string, string>;
}

const LIBRARY_DEFAULTS: Record<string, string> = Object.fromEntries(NATIVE_PIN_NAMES.map((n) => [n, ""]));

const VARIANTS: Variant[] = [
  { name: "pinned", env: { ...NATIVE_PINS } },
  { name: "library defaults", env: LIBRARY_DEFAULTS },
  { name: "pinned but ISA default", env: { ...NATIVE_PINS, ONEDNN_MAX_CPU_ISA: "" } },
  { name: "pinned but threads default", env: { ...NATIVE_PINS, TF_NUM_INTRAOP_THREADS: "" } },
];

const PREFIX = "PIN_RESULT ";

async function child(members: number, seconds: number): Promise<void> {
  await selectBackend("tensorflow");
  const spec = referenceSpec(10);
  const plan: TimingPlan = { warmupSteps: 5, warmupSeconds: 1, repeatSeconds: seconds, repeats: 1, maxSteps: 1000 };
  const out: Record<string, number> = {};
  for (const [label, k] of [["one GAN", 1], [`ensemble ×${members}`, members]] as const) {
    const gan = createEngineEnsemble(spec, k);
    const steps = await calibrate(() => gan.step(), plan);
    out[label] = await timeRepeat(() => gan.step(), steps);
    gan.dispose();
  }
  console.log(PREFIX + JSON.stringify({ rates: out, pins: backendReport().versions.nativePins }));
}

function runChild(v: Variant, members: number, seconds: number): Record<string, number> | Error {
  const r = spawnSync(process.execPath, ["--import", "tsx", __filename, "--child", String(members), String(seconds)], {
    cwd: repoRoot(),
    env: { ...process.env, ...v.env },
    encoding: "utf8",
  });
  const line = (r.stdout ?? "").split("\n").find((l) => l.startsWith(PREFIX));
  if (!line) return new Error(`${v.name}: exit ${r.status}: ${(r.stderr ?? "").split("\n").slice(-3).join(" | ")}`);
  return (JSON.parse(line.slice(PREFIX.length)) as { rates: Record<string, number> }).rates;
}

function main(): void {
  const rounds = parseInteger("PIN_ROUNDS", process.env.PIN_ROUNDS, { min: 1, max: 50 }, 5);
  const members = parseInteger("PIN_MEMBERS", process.env.PIN_MEMBERS, { min: 2, max: 100 }, 15);
  const seconds = parseInteger("PIN_SECONDS", process.env.PIN_SECONDS, { min: 1, max: 60 }, 3);
  const loadStart = os.loadavg();
  const rates: Record<string, number[]>[] = VARIANTS.map(() => ({}));
  for (let r = 0; r < rounds; r++) {
    VARIANTS.forEach((v, i) => {
      const res = runChild(v, members, seconds);
      if (res instanceof Error) {
        console.error(`  [${r + 1}/${rounds}] ${res.message}`);
        return;
      }
      for (const [label, x] of Object.entries(res)) (rates[i][label] ??= []).push(x);
      console.error(`  [${r + 1}/${rounds}] ${v.name}: ${Object.entries(res).map(([l, x]) => `${l} ${x.toFixed(2)} steps/s`).join(", ")}`);
    });
  }
  const labels = Object.keys(rates[0]);
  const lines = [
    `| variant | settings | ${labels.map((l) => `${l}: steps/s (median of ${rounds}) | vs pinned`).join(" | ")} |`,
    `| --- | --- | ${labels.map(() => "--- | ---").join(" | ")} |`,
  ];
  VARIANTS.forEach((v, i) => {
    const cells = labels.map((l) => {
      const m = median(rates[i][l] ?? [NaN]);
      const base = median(rates[0][l] ?? [NaN]);
      return `${m.toFixed(2)} | ${(m / base).toFixed(2)}×`;
    });
    const settings = Object.entries(v.env).map(([k, x]) => `${k}=${x === "" ? "(default)" : x}`).join(" ");
    lines.push(`| ${v.name} | ${settings} | ${cells.join(" | ")} |`);
  });
  console.log(lines.join("\n"));
  console.log(`\n${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}); load ${loadStart.map((x) => x.toFixed(2)).join(" / ")} at start, ${os.loadavg().map((x) => x.toFixed(2)).join(" / ")} at end`);
}

if (require.main === module) {
  if (process.argv[2] === "--child") {
    child(Number(process.argv[3]), Number(process.argv[4])).catch((e) => {
      console.error(e);
      process.exit(1);
    });
  } else {
    main();
  }
}
