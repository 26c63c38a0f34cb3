/**
 * The headless runner's contract: failures name the notebook, the cell and the kernel's error
 * text and leave the notebook untouched; bad parameters are refused before a kernel starts;
 * a good run saves outputs without volatile metadata.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { runRunner } from "../helpers/notebook-run";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

function code(source: string) { return { cell_type: "code", metadata: {}, execution_count: null, outputs: [], source }; }
function markdown(source: string) { return { cell_type: "markdown", metadata: {}, source }; }

/** Writes a tslab notebook into a fresh notebooks/ folder; returns its path. */
function writeNotebook(file: string, cells: object[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-runner-"));
  const nb = {
    cells, nbformat: 4, nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
  };
  const target = path.join(dir, "notebooks", file);
  fs.mkdirSync(path.dirname(target));
  fs.writeFileSync(target, JSON.stringify(nb, null, 1));
  return target;
}

test("a throwing cell: non-zero exit, error text and cell numbers printed, notebook unchanged", { timeout: 180_000 }, async () => {
  const marker = `boom-${randomBytes(4).toString("hex")}`;
  const nbPath = writeNotebook("01-fails.ipynb", [
    code("const x: number = 2;"), markdown("# between"), code("console.log(x + 1);"),
    code(`// the failing cell\nthrow new Error("${marker}");`), code('console.log("not reached");'),
  ]);
  const before = fs.readFileSync(nbPath);
  const res = await runRunner([nbPath]);
  assert.notEqual(res.code, 0);
  assert.ok(res.stderr.includes(marker), `error text missing:\n${res.stderr}`);
  // the failing cell is the 3rd code cell and the 4th cell (index 3)
  assert.match(res.stderr, /code cell 3 of 4 \(cell index 3 in the notebook\)/);
  assert.ok(res.stderr.includes("01-fails.ipynb"));
  assert.ok(res.stderr.includes("// the failing cell"), "first lines of the source missing");
  assert.deepEqual(fs.readFileSync(nbPath), before, "the failing notebook was overwritten");
  assert.deepEqual(fs.readdirSync(path.dirname(nbPath)), ["01-fails.ipynb"], "temporary files left behind");
});

test("a good notebook is saved with outputs, sequential counts and no timing metadata", { timeout: 180_000 }, async () => {
  const a = 1 + Math.floor(Math.random() * 1000);
  const b = 1 + Math.floor(Math.random() * 1000);
  const nbPath = writeNotebook("02-ok.ipynb", [
    code(`const a = ${a};`), markdown("text"), code(`console.log(a * ${b}, process.env.SEED, process.cwd());`),
  ]);
  const outDir = path.join(path.dirname(nbPath), "..", "out");
  const res = await runRunner(["--out-dir", outDir, nbPath], { SEED: "7" });
  assert.equal(res.code, 0, res.stderr);
  const nb = JSON.parse(fs.readFileSync(path.join(outDir, "02-ok.ipynb"), "utf8"));
  const codeCells = nb.cells.filter((c: { cell_type: string }) => c.cell_type === "code");
  assert.deepEqual(codeCells.map((c: { execution_count: number }) => c.execution_count), [1, 2]);
  const text = [].concat(codeCells[1].outputs[0].text).join("");
  // stdout of the kernel: the product, the environment passed through, cwd = notebook folder
  assert.equal(text.trim(), `${a * b} 7 ${fs.realpathSync(path.dirname(nbPath))}`);
  for (const cell of nb.cells) assert.equal(cell.metadata.execution, undefined);
  assert.equal(nb.metadata.kernelspec.name, "tslab");
  // written through a temporary file, yet with the mode a new file gets (0666 less the umask)
  const umask = process.umask();
  assert.equal(fs.statSync(path.join(outDir, "02-ok.ipynb")).mode & 0o777, 0o666 & ~umask);
});

test("training progress shown in place in the notebook is echoed to the terminal, throttled, final line included", { timeout: 180_000 }, async () => {
  const progressModule = JSON.stringify(path.resolve(__dirname, "../../dist/lib/notebook/progress"));
  const nbPath = writeNotebook("03-progress.ipynb", [
    code(`const { progress } = require(${progressModule});
const p = progress("toy run", 4);
for (let s = 1; s <= 4; s++) { p.update(s, { loss: 1 / s }); await new Promise((r) => setTimeout(r, 20)); }
p.done();`),
  ]);
  const res = await runRunner(["--out-dir", path.join(path.dirname(nbPath), "..", "out"), nbPath]);
  assert.equal(res.code, 0, res.stderr);
  const echoed = res.stderr.split("\n").filter((l) => l.startsWith("[run_notebooks] 03-progress: toy run"));
  assert.match(echoed[echoed.length - 1] ?? "", /toy run {2}4\/4 {2}100\.0% {2}elapsed .* {2}done/, res.stderr);
  assert.ok(echoed.length <= 2, `throttled to the first and the final line:\n${echoed.join("\n")}`);
});

test("bad parameters are refused before any kernel starts, naming variable, value and allowed values", async () => {
  const cases: [string, string, RegExp][] = [
    ["QUICK", "2", /QUICK="2" is not allowed: use 0 or 1/],
    ["FORCE", "yes", /FORCE="yes" is not allowed: use 0 or 1/],
    ["LONG", "3", /LONG="3" is not allowed: use an integer from 0 to 2/],
    ["SEED", "-1", /SEED="-1" is not allowed: use an integer from 0 to/],
    ["SEED", "1.5", /SEED="1.5" is not allowed/],
    ["TFJS_BACKEND", "gpu", /TFJS_BACKEND="gpu" is not allowed: use one of auto, tensorflow, wasm, cpu/],
  ];
  for (const [name, value, message] of cases) {
    // without --check-params: the refusal must come before the kernel would start
    const res = await runRunner([writeNotebook("01-never.ipynb", [code("1")])], { [name]: value });
    assert.equal(res.code, 2, `${name}=${value} accepted`);
    assert.match(res.stderr, message);
  }
  const dir = path.dirname(writeNotebook("01-any.ipynb", [code("1")]));
  const ok = await runRunner(["--check-params", "--notebooks-dir", dir], { QUICK: "1", SEED: "42", FORCE: "0", TFJS_BACKEND: "wasm", NB: "" });
  assert.equal(ok.code, 0, ok.stderr);
});

test("NB that matches no notebook is refused, listing NB, the value and the notebooks", async () => {
  const nbPath = writeNotebook("01-alpha.ipynb", [code("1")]);
  fs.copyFileSync(nbPath, path.join(path.dirname(nbPath), "02-beta.ipynb"));
  const res = await runRunner(["--notebooks-dir", path.dirname(nbPath), "--nb", "xyz", "--check-params"]);
  assert.equal(res.code, 2);
  assert.match(res.stderr, /NB="xyz" matches no notebook/);
  assert.match(res.stderr, /01-alpha, 02-beta/);
  const sel = await runRunner(["--notebooks-dir", path.dirname(nbPath), "--nb", "02", "--check-params"]);
  assert.equal(sel.code, 0, sel.stderr);
});

test("a second notebook on one article, NNx-name, is listed and selected by its own prefix", async () => {
  const nbPath = writeNotebook("01-alpha.ipynb", [code("1")]);
  fs.copyFileSync(nbPath, path.join(path.dirname(nbPath), "01b-beta.ipynb"));
  fs.copyFileSync(nbPath, path.join(path.dirname(nbPath), "1-gamma.ipynb"));
  const res = await runRunner(["--notebooks-dir", path.dirname(nbPath), "--nb", "xyz", "--check-params"]);
  assert.equal(res.code, 2);
  // 01b-beta is a notebook; 1-gamma (one digit) is not
  assert.match(res.stderr, /the notebooks are 01-alpha, 01b-beta \(/);
  const sel = await runRunner(["--notebooks-dir", path.dirname(nbPath), "--nb", "01b", "--check-params"]);
  assert.equal(sel.code, 0, sel.stderr);
  // NB=01 is notebook 01 alone (not 01b too); NB=0 still selects every 0… by prefix
  const select = (prefix: string) => execFileSync("python3", ["-c",
    "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); import run_notebooks as r; " +
    "print(' '.join(p.stem for p in r.select_notebooks(Path(sys.argv[2]), sys.argv[3], [])))",
    path.join(REPO_ROOT, "scripts"), path.dirname(nbPath), prefix], { encoding: "utf8" }).trim();
  assert.equal(select("01"), "01-alpha");
  assert.equal(select("01b"), "01b-beta");
  assert.equal(select("0"), "01-alpha 01b-beta");
});
