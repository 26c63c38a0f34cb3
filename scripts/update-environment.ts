/**
 * Rewrites the measured section of environment.md after `make figures`: the versions actually
 * installed, the machine, and the wall times of the run that just finished.
 *
 *   node --import tsx scripts/update-environment.ts --summary .stamps/figures.json --wall 812 --nb 01
 *
 * `--summary` is the JSON written by scripts/run_notebooks.py (`{ notebooks: {name: seconds},
 * total_seconds, out_root, committed }`); `--wall` is the whole `make figures` time in seconds,
 * set-up included. Only the text between the two markers below changes; the file is replaced
 * atomically. A run that did not write into the repository (QUICK, another SEED or STEPS, an
 * explicit LW_OUT: `committed` is false) leaves environment.md alone, since it did not produce
 * the committed results.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeFileAtomic } from "../lib/util/atomic";

const ROOT = path.resolve(__dirname, "..");
const BEGIN = "<!-- measured:begin (written by `make figures`; do not edit) -->";
const END = "<!-- measured:end -->";

const NODE_PACKAGES = [
  "typescript", "tsx", "tslab", "@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm",
  "@tensorflow/tfjs-node", "plotly.js-dist", "danfojs-node", "mathjs", "playwright-core",
] as const;
const PYTHON_PACKAGES = ["jupyterlab", "nbclient", "nbformat", "plotly"] as const;

/** stdout of a command, trimmed; `fallback` when it cannot run. */
function run(cmd: string, args: string[], fallback = "not found"): string {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 60_000 }).trim();
  } catch {
    return fallback;
  }
}

function nodePackageVersion(name: string): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
  } catch {
    return "not installed";
  }
}

/** libtensorflow version when @tensorflow/tfjs-node loads with backend 'tensorflow'. */
function nativeBackend(): string {
  const probe = "const tf=require('@tensorflow/tfjs-node');" +
    "if(tf.getBackend()!=='tensorflow')process.exit(1);console.log(tf.backend().binding.TF_Version)";
  const v = run(process.execPath, ["-e", probe], "");
  return v ? `loads (libtensorflow ${v.split("\n").pop()})` : "unavailable (wasm is the default)";
}

function pythonVersions(): Record<string, string> {
  const py = path.join(ROOT, ".venv", "bin", "python");
  const code = "import importlib.metadata as m, json, sys\n" +
    `names = ${JSON.stringify(PYTHON_PACKAGES)}\n` +
    "out = {n: m.version(n) for n in names}\nout['Python'] = sys.version.split()[0]\nprint(json.dumps(out))";
  const text = run(py, ["-c", code], "{}");
  return JSON.parse(text);
}

function osName(): string {
  try {
    const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(fs.readFileSync("/etc/os-release", "utf8"));
    return m ? m[1] : os.type();
  } catch {
    return os.type();
  }
}

function parseArgs(argv: string[]): { summary?: string; wall?: number; nb: string } {
  const out: { summary?: string; wall?: number; nb: string } = { nb: "" };
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1] ?? ""];
    if (key === "--summary") out.summary = value;
    else if (key === "--wall") out.wall = Number(value);
    else if (key === "--nb") out.nb = value;
    else throw new Error(`unknown argument ${key} (use --summary FILE --wall SECONDS --nb PREFIX)`);
  }
  return out;
}

function formatSeconds(s: number): string {
  return s >= 90 ? `${s.toFixed(0)} s (${(s / 60).toFixed(1)} min)` : `${s.toFixed(1)} s`;
}

/** The Chromium the run used, as scripts/find-chromium.sh finds it. */
function chromiumPath(): string {
  return run("bash", [path.join(ROOT, "scripts", "find-chromium.sh")], "not found");
}

/** The browser's path, relative to the repository when it is the one unpacked into .cache/. */
function shownChromium(file: string): string {
  const rel = path.relative(ROOT, file);
  return rel.startsWith("..") || path.isAbsolute(rel) ? file : `${rel}, from npm @sparticuz/chromium`;
}

function measuredSection(args: ReturnType<typeof parseArgs>, summary: Summary): string {
  const chromium = chromiumPath();
  const py = pythonVersions();
  const cpus = os.cpus();
  const env = (name: string, fallback: string) => process.env[name]?.trim() || fallback;
  const rows: [string, string][] = [
    ["Node.js", process.version], ["npm", run("npm", ["--version"])],
    ...NODE_PACKAGES.map((n) => [n, nodePackageVersion(n)] as [string, string]),
    ["native backend (tfjs-node)", nativeBackend()],
    ["Python (.venv)", py.Python ?? "not found"],
    ...PYTHON_PACKAGES.map((n) => [n, py[n] ?? "not found"] as [string, string]),
    ["Chromium", `${run(chromium, ["--version"])} (${shownChromium(chromium)})`],
  ];
  const lines = [
    BEGIN,
    "",
    `Last \`make figures\` run: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.`,
    "",
    "| run | value |", "| --- | --- |",
    `| notebooks | ${args.nb ? `NB=${args.nb}: ` : ""}${Object.keys(summary.notebooks).join(", ") || "none"} |`,
    `| parameters | QUICK=${env("QUICK", "0")} SEED=${env("SEED", "0")} FORCE=${env("FORCE", "0")} TFJS_BACKEND=${env("TFJS_BACKEND", "auto")} |`,
    ...Object.entries(summary.notebooks).map(([name, s]) => `| ${name} | ${formatSeconds(s)} |`),
    `| notebooks total | ${formatSeconds(summary.total_seconds)} |`,
    `| \`make figures\` wall time (set-up included) | ${args.wall === undefined ? "not measured" : formatSeconds(args.wall)} |`,
    "",
    "| machine | value |", "| --- | --- |",
    `| CPU | ${cpus[0]?.model ?? "unknown"} |`,
    `| cores | ${cpus.length} |`,
    `| memory | ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB |`,
    `| OS | ${osName()} (Linux ${os.release()}) |`,
    "",
    "| installed | version |", "| --- | --- |",
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    "",
    END,
  ];
  return lines.join("\n");
}

interface Summary { notebooks: Record<string, number>; total_seconds: number; out_root?: string; committed?: boolean }

function readSummary(file: string | undefined): Summary {
  return file && fs.existsSync(file)
    ? JSON.parse(fs.readFileSync(file, "utf8")) as Summary
    : { notebooks: {}, total_seconds: NaN };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const summary = readSummary(args.summary);
  if (summary.committed === false) {
    console.log(`environment.md left unchanged: this run wrote to ${summary.out_root}, not the committed results`);
    return;
  }
  const file = path.join(ROOT, "environment.md");
  const text = fs.readFileSync(file, "utf8");
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`${file}: markers not found; it needs the lines\n${BEGIN}\n${END}`);
  }
  const next = text.slice(0, start) + measuredSection(args, summary) + text.slice(end + END.length);
  writeFileAtomic(file, next);
  console.log(`environment.md: measured section updated`);
}

main();
