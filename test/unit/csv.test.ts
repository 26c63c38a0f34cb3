import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { loadDanfo, parseCsvText, readCsv, saveCsv, toCsvText } from "../../lib/data/csv";
import type { NotebookContext } from "../../lib/notebook/context";
import { Rng } from "../../lib/util/rng";

// papaparse (danfojs-node's CSV parser) is the independent second implementation.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Papa = require("papaparse") as { parse(s: string, o: object): { data: string[][] }; unparse(rows: unknown[][]): string };

function tempCtx(): NotebookContext {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "lw-csv-"));
  return { name: "00-test", params: { quick: true, seed: 0, force: false, long: 0, outRoot: root, backend: "cpu" }, backend: "cpu",
    figuresDir: path.join(root, "figures", "00-test"), dataDir: path.join(root, "data", "00-test"), cacheDir: path.join(root, "data", "cache", "00-test") };
}

test("saveCsv → readCsv round trip keeps every float64 exactly and strings as strings", async () => {
  const ctx = tempCtx();
  const rng = new Rng(1);
  const records = Array.from({ length: 200 }, (_, i) => ({
    step: i,
    loss: rng.normal() * 10 ** (rng.int(40) - 20),
    ratio: rng.uniform(),
    name: ["a,b", 'say "hi"', "two\nlines", " padded ", "plain", "χ²", "12", ""][i % 8],
  }));
  records.push({ step: -1, loss: NaN, ratio: Infinity, name: "edge" });
  records.push({ step: -2, loss: -Infinity, ratio: 0.1 + 0.2, name: "-0.5e3" });
  const file = await saveCsv(ctx, "losses", records);
  assert.equal(file, path.join(ctx.dataDir, "losses.csv"));
  const back = await readCsv(file);
  assert.equal(back.length, records.length);
  back.forEach((r, i) => {
    const want = records[i];
    assert.equal(typeof r.step, "number");
    assert.ok(Object.is(r.loss, want.loss), `loss row ${i}: ${r.loss} vs ${want.loss}`);
    assert.ok(Object.is(r.ratio, want.ratio), `ratio row ${i}`);
    if (want.name === "") assert.equal(r.name, "");
    else assert.equal(r.name, want.name);
    assert.equal(typeof r.name, "string");
  });
  assert.deepEqual(fs.readdirSync(ctx.dataDir), ["losses.csv"]);
  fs.rmSync(ctx.params.outRoot, { recursive: true });
});

test("our CSV text parses the same with papaparse, and papaparse's text parses the same with ours", () => {
  const records = [{ x: 1.5, s: "a,b" }, { x: -2, s: 'q"q' }, { x: 3e-9, s: "line\nbreak" }];
  const ours = toCsvText(records);
  const theirs = Papa.parse(ours, { skipEmptyLines: true }).data;
  assert.deepEqual(theirs, [["x", "s"], ["1.5", "a,b"], ["-2", 'q"q'], ["3e-9", "line\nbreak"]]);
  const text = Papa.unparse([["x", "s"], [1.5, "a,b"], [-2, 'q"q'], [3e-9, "line\nbreak"]]);
  assert.deepEqual(parseCsvText(text), records);
});

test("missing values: union of columns, empty cells left out; ragged rows refused", () => {
  const text = toCsvText([{ a: 1 }, { b: "x" }, { a: 2, b: "y" }]);
  assert.equal(text, "a,b\n1,\n,x\n2,y\n");
  assert.deepEqual(parseCsvText(text), [{ a: 1 }, { b: "x" }, { a: 2, b: "y" }]);
  assert.deepEqual(parseCsvText("a,b\r\n1,2\r\n3,"), [{ a: 1, b: 2 }, { a: 3 }]);
  assert.throws(() => parseCsvText("a,b\n1,2,3\n"), /row 2 has 3 fields, header has 2/);
  assert.throws(() => parseCsvText('a\n"open\n'), /unterminated/);
});

test("loadDanfo keeps the active TensorFlow.js backend", { timeout: 120_000 }, async (t) => {
  await tf.setBackend("cpu");
  let dfd;
  try {
    dfd = await loadDanfo();
  } catch (e) {
    t.skip(`danfojs-node not loadable here: ${(e as Error).message}`);
    return;
  }
  assert.equal(tf.getBackend(), "cpu");
  const df = new dfd.DataFrame([{ a: 1, b: 2 }, { a: 3, b: 4 }]);
  assert.deepEqual(df.columns, ["a", "b"]);
});
