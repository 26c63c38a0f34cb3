/**
 * Paired plain-text sources of the notebooks (scripts/pair_notebooks.py, notebooks/jupytext.toml).
 *
 * Oracle: a reader of jupytext's percent format written here (cells start at `// %%`,
 * markdown lines are `// ` comments) must find in each notebooks/NN-name.ts the cells of
 * notebooks/NN-name.ipynb, type and source. The script's `--check` must pass on the committed
 * pairs and fail, naming the file, when a source or a notebook is edited alone, a source is
 * missing or a source has no notebook; `make pair`'s sync (newer file wins) and `--from ipynb` /
 * `--from ts` (that side wins whatever the times) must move the cells and keep the outputs.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { REPO, VENV_PYTHON } from "../helpers/notebook-run";

const PAIR = path.join(REPO, "scripts", "pair_notebooks.py");
const NOTEBOOKS = path.join(REPO, "notebooks");
const skip = fs.existsSync(VENV_PYTHON) ? false : "no .venv (run make setup)";

interface Cell { type: "code" | "markdown"; source: string }
interface NotebookJson { cells: { cell_type: string; source: string | string[]; outputs?: unknown[] }[] }

function pair(args: string[]): { code: number; stdout: string; stderr: string } {
  const run = spawnSync(VENV_PYTHON, [PAIR, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

const joined = (s: string | string[]) => (Array.isArray(s) ? s.join("") : s);

function notebookCells(file: string): Cell[] {
  const nb = JSON.parse(fs.readFileSync(file, "utf8")) as NotebookJson;
  return nb.cells.map((c) => ({ type: c.cell_type === "markdown" ? "markdown" : "code", source: joined(c.source).trimEnd() }));
}

/** The cells of a percent-format TypeScript script: header skipped, `// ` taken off markdown lines. */
function percentCells(text: string): Cell[] {
  const cells: Cell[] = [];
  let current: { type: Cell["type"]; lines: string[] } | undefined;
  const close = () => {
    if (current === undefined) return;
    const lines = current.type === "markdown" ? current.lines.map((l) => l.replace(/^\/\/ ?/, "")) : current.lines;
    cells.push({ type: current.type, source: lines.join("\n").trimEnd() });
  };
  for (const line of text.split("\n")) {
    const marker = /^\/\/ %%( \[markdown\])?/.exec(line);
    if (marker) {
      close();
      current = { type: marker[1] ? "markdown" : "code", lines: [] };
    } else if (current !== undefined) {
      current.lines.push(line);
    }
  }
  close();
  return cells;
}

const lessons = fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort();

test("every committed notebook has a .ts source holding its cells, and --check passes", { skip, timeout: 120_000 }, () => {
  assert.ok(lessons.length > 0, "no notebooks");
  for (const nb of lessons) {
    const source = path.join(NOTEBOOKS, nb.replace(/\.ipynb$/, ".ts"));
    assert.ok(fs.existsSync(source), `${source} is missing: run make pair`);
    const cells = notebookCells(path.join(NOTEBOOKS, nb));
    assert.deepEqual(percentCells(fs.readFileSync(source, "utf8")), cells, `${source} does not hold the cells of ${nb}`);
  }
  const check = pair(["--check"]);
  assert.equal(check.code, 0, check.stderr);
});

test("--check fails on a pair edited on one side, a missing source, a source without notebook; sync and --from repair", { skip, timeout: 180_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-pairs-"));
  try {
    const name = lessons[0].replace(/\.ipynb$/, "");
    const ipynb = path.join(dir, `${name}.ipynb`);
    const ts = path.join(dir, `${name}.ts`);
    for (const f of [`${name}.ipynb`, `${name}.ts`, "jupytext.toml"]) fs.copyFileSync(path.join(NOTEBOOKS, f), path.join(dir, f));
    const original = { ipynb: fs.readFileSync(ipynb, "utf8"), ts: fs.readFileSync(ts, "utf8") };
    assert.equal(pair(["--dir", dir, "--check"]).code, 0);

    // the source edited alone: a code line changed
    const codeLine = original.ts.split("\n").findIndex((l, i, all) => i > 0 && all[i - 1] === "// %%");
    const edited = original.ts.split("\n").map((l, i) => (i === codeLine ? `${l} // edited in the source` : l)).join("\n");
    fs.writeFileSync(ts, edited);
    let check = pair(["--dir", dir, "--check"]);
    assert.equal(check.code, 1);
    assert.match(check.stderr, new RegExp(`${name}\\.ts: out of sync with ${name}\\.ipynb from line ${codeLine + 1}`));

    // the notebook edited alone: a markdown cell changed
    fs.writeFileSync(ts, original.ts);
    const nb = JSON.parse(original.ipynb) as NotebookJson;
    const md = nb.cells.findIndex((c) => c.cell_type === "markdown");
    nb.cells[md].source = joined(nb.cells[md].source) + "\n\nA sentence added in JupyterLab.";
    fs.writeFileSync(ipynb, JSON.stringify(nb, null, 1));
    check = pair(["--dir", dir, "--check"]);
    assert.equal(check.code, 1);
    assert.match(check.stderr, /out of sync/);

    // no source at all
    fs.writeFileSync(ipynb, original.ipynb);
    fs.rmSync(ts);
    check = pair(["--dir", dir, "--check"]);
    assert.equal(check.code, 1);
    assert.match(check.stderr, new RegExp(`${name}\\.ipynb: no paired source ${name}\\.ts`));

    // a new lesson written as a source first
    fs.writeFileSync(ts, original.ts);
    fs.writeFileSync(path.join(dir, "99-new.ts"), "// %% [markdown]\n// # 99 · New\n\n// %%\nconst x = 1;\n");
    check = pair(["--dir", dir, "--check"]);
    assert.equal(check.code, 1);
    assert.match(check.stderr, /99-new\.ts: no notebook 99-new\.ipynb/);

    const before = JSON.parse(original.ipynb) as NotebookJson & { metadata: Record<string, unknown> };
    const outputsOf = (nbJson: NotebookJson) => nbJson.cells.map((c) => JSON.stringify(c.outputs ?? null));
    // modification times an hour off, so the slow steps between cannot reorder them
    const later = new Date(Date.now() + 3_600_000);
    const earlier = new Date(Date.now() - 3_600_000);

    // --from ipynb: the notebook wins though the source is newer
    fs.writeFileSync(ts, edited);
    fs.utimesSync(ts, later, later);
    assert.equal(pair(["--dir", dir, "--from", "ipynb"]).code, 0);
    assert.equal(fs.readFileSync(ts, "utf8"), original.ts);

    // --from ts: the source wins though it is older; outputs and metadata stay; the new lesson gets a notebook
    fs.writeFileSync(ts, edited);
    fs.utimesSync(ts, earlier, earlier);
    assert.equal(pair(["--dir", dir, "--from", "ts"]).code, 0);
    const fromTs = JSON.parse(fs.readFileSync(ipynb, "utf8")) as NotebookJson & { metadata: Record<string, unknown> };
    assert.deepEqual(notebookCells(ipynb), percentCells(edited));
    assert.deepEqual(outputsOf(fromTs), outputsOf(before), "--from ts kept every output");
    assert.deepEqual(fromTs.metadata, before.metadata, "--from ts left the notebook's metadata as it was");
    assert.ok(fs.existsSync(path.join(dir, "99-new.ipynb")));

    // sync: the edited source is newer, so its inputs go into the notebook; outputs stay
    fs.writeFileSync(ipynb, original.ipynb);
    fs.writeFileSync(ts, edited);
    fs.utimesSync(ts, later, later);
    const synced = pair(["--dir", dir]);
    assert.equal(synced.code, 0, synced.stderr);
    assert.equal(pair(["--dir", dir, "--check"]).code, 0);
    const after = JSON.parse(fs.readFileSync(ipynb, "utf8")) as NotebookJson;
    assert.deepEqual(notebookCells(ipynb), percentCells(edited));
    assert.ok(notebookCells(ipynb).some((c) => c.source.includes("// edited in the source")));
    assert.deepEqual(outputsOf(after), outputsOf(before), "sync kept every output");
    assert.deepEqual(notebookCells(path.join(dir, "99-new.ipynb")), [{ type: "markdown", source: "# 99 · New" }, { type: "code", source: "const x = 1;" }]);
    const made = JSON.parse(fs.readFileSync(path.join(dir, "99-new.ipynb"), "utf8")) as { metadata: { kernelspec?: { name: string } } };
    assert.equal(made.metadata.kernelspec?.name, "tslab", "a notebook made from a source runs on tslab");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
