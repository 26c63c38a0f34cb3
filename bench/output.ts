/**
 * What `make bench` writes: the results table as CSV, a Markdown summary (machine, table,
 * targets), the throughput figure, and the bench section of environment.md.
 *
 *   <out>/data/bench/results.csv     one row per implementation × backend (bench/rows.ts)
 *   <out>/data/bench/summary.md      the same table with the machine facts and targets
 *   <out>/figures/bench/throughput.* Plotly figure (via lib/notebook/display.ts showFigure when
 *                                    present, else Plotly JSON only)
 *   environment.md                   the table between <!-- bench:start --> and <!-- bench:end -->
 */
import * as fs from "fs";
import * as path from "path";
import { saveCsv } from "../lib/data/csv";
import type { NotebookContext } from "../lib/notebook/context";
import { writeFileAtomic } from "../lib/util/atomic";
import { formatLoad, machineBusy, type MachineFacts } from "./machine";
import type { Row, TargetCheck } from "./rows";

const fmt = (x: number) => (Number.isFinite(x) ? String(x) : "–");

const COLUMNS: [string, (r: Row) => string][] = [
  ["implementation", (r) => r.implementation],
  ["backend", (r) => r.backend],
  ["steps/s", (r) => fmt(r.steps_per_s)],
  ["GAN-steps/s", (r) => fmt(r.gan_steps_per_s)],
  ["ms/step", (r) => fmt(r.ms_per_step)],
  ["GFLOP/s", (r) => fmt(r.gflops)],
  ["peak GFLOP/s", (r) => fmt(r.peak_gflops)],
  ["% of peak", (r) => fmt(r.pct_of_peak)],
  ["steps × repeats", (r) => (r.repeats > 0 ? `${r.steps_per_repeat} × ${r.repeats}` : "–")],
  ["status", (r) => (r.note ? `${r.status} (${r.note})` : r.status)],
];

/** Plain-text table for the terminal. */
export function textTable(rows: Row[]): string {
  const cells = [COLUMNS.map(([h]) => h), ...rows.map((r) => COLUMNS.map(([, f]) => f(r)))];
  const widths = COLUMNS.map((_, j) => Math.max(...cells.map((c) => c[j].length)));
  return cells.map((c) => c.map((x, j) => x.padEnd(widths[j])).join("  ").trimEnd()).join("\n");
}

export function markdownTable(rows: Row[]): string {
  const head = `| ${COLUMNS.map(([h]) => h).join(" | ")} |`;
  const rule = `| ${COLUMNS.map(() => "---").join(" | ")} |`;
  return [head, rule, ...rows.map((r) => `| ${COLUMNS.map(([, f]) => f(r).replace(/\|/g, "\\|")).join(" | ")} |`)].join("\n");
}

export function targetsText(checks: TargetCheck[]): string {
  return checks.map((c) => `- ${c.target}: ${c.measured} → ${c.met === "n/a" ? "n/a" : c.met ? "met" : "NOT met"}`).join("\n");
}

export function machineText(m: MachineFacts, context: string): string {
  const busy = machineBusy(m)
    ? "The machine was NOT quiet (load above 0.25): other processes competed for the CPU, so these numbers are noisy and low."
    : "The machine was quiet (load ≤ 0.25 at start and end).";
  return [
    `Measured ${m.date} on ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.kernel}, Node ${m.node}.`,
    `Load average (1/5/15 min) at start ${formatLoad(m.loadStart)}, at end ${formatLoad(m.loadEnd)}; busiest processes at start (ps %CPU, averaged over each process lifetime): ${m.busiest.join(", ") || "n/a"}.`,
    busy,
    context,
  ].join("\n");
}

export async function writeOutputs(ctx: NotebookContext, rows: Row[], summary: string): Promise<string[]> {
  const csv = await saveCsv(ctx, "results", rows);
  const md = path.join(ctx.dataDir, "summary.md");
  writeFileAtomic(md, summary);
  return [csv, md];
}

/** One colour per implementation, the same in both panels. */
const PALETTE = ["#1f77b4", "#2ca02c", "#9467bd", "#e377c2", "#bcbd22", "#ff7f0e", "#17becf"];

/** Grouped bars of GAN-steps/s (log axis) and % of peak per backend. */
export function throughputFigure(rows: Row[]): { data: object[]; layout: object } {
  const measured = rows.filter((r) => r.status === "ok");
  const impls = [...new Set(measured.map((r) => r.implementation))];
  const data = impls.flatMap((impl, i) => {
    const rs = measured.filter((r) => r.implementation === impl);
    const marker = { color: PALETTE[i % PALETTE.length] };
    const x = rs.map((r) => r.backend);
    return [
      { type: "bar", name: impl, legendgroup: impl, marker, x, y: rs.map((r) => r.gan_steps_per_s), xaxis: "x", yaxis: "y" },
      { type: "bar", name: impl, legendgroup: impl, marker, showlegend: false, x, y: rs.map((r) => r.pct_of_peak), xaxis: "x2", yaxis: "y2" },
    ];
  });
  return {
    data,
    layout: {
      title: { text: "Reference GAN (notebook 05): training throughput by implementation and backend" },
      barmode: "group",
      xaxis: { domain: [0, 0.55] },
      yaxis: { type: "log", dtick: 1, title: { text: "GAN steps per second (log)" } },
      xaxis2: { domain: [0.65, 1], anchor: "y2" },
      yaxis2: { title: { text: "% of peak matMul GFLOP/s" }, anchor: "x2" },
      legend: { orientation: "h", y: -0.2 },
    },
  };
}

/**
 * Saves the figure with showFigure (PNG, SVG, HTML, JSON); when that cannot render (no
 * Chromium), as Plotly JSON only, saying why: the table matters more than the picture.
 */
export async function saveFigure(ctx: NotebookContext, fig: { data: object[]; layout: object }): Promise<string> {
  const display = path.join(__dirname, "..", "lib", "notebook", "display.ts");
  let why = "lib/notebook/display.ts is not there";
  if (fs.existsSync(display)) {
    const mod = (await import(display)) as { showFigure: (c: NotebookContext, n: string, f: object) => Promise<void>; closeRenderer?: () => Promise<void> };
    try {
      await mod.showFigure(ctx, "throughput", fig);
      return path.join(ctx.figuresDir, "throughput.{png,svg,html,json}");
    } catch (e) {
      why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    } finally {
      await mod.closeRenderer?.();
    }
  }
  const file = path.join(ctx.figuresDir, "throughput.json");
  writeFileAtomic(file, JSON.stringify(fig, null, 1));
  return `${file} (Plotly JSON only: ${why})`;
}

const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

/** Replaces the bench section of environment.md; returns false when the markers are missing. */
export function writeEnvironmentSection(file: string, body: string): boolean {
  if (!fs.existsSync(file)) return false;
  const text = fs.readFileSync(file, "utf8");
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) return false;
  writeFileAtomic(file, `${text.slice(0, a + START.length)}\n${body.trim()}\n${text.slice(b)}`);
  return true;
}
