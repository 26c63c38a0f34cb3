/**
 * Every committed notebook, executed headless in QUICK mode (scripts/run_notebooks.py, tslab
 * kernel): its figures exist in the four formats and each file holds the figure, checked by
 * decoding it (pngjs, an XML balance check) and by rendering the HTML page in Chromium.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { launchChromium } from "../helpers/chromium";
import { assertValidPng, assertValidSvg } from "../helpers/files";
import { notebookNames, runNotebookQuick } from "../helpers/notebook-run";

const FORMATS = [".png", ".svg", ".html", ".json"] as const;

interface Cell { cell_type: string; outputs?: { output_type: string; name?: string; text?: string | string[]; data?: Record<string, unknown> }[] }

/** Figure names in a figures/<name>/ folder, from the files of any of the four formats. */
function figureNames(dir: string): string[] {
  const names = fs.readdirSync(dir).filter((f) => (FORMATS as readonly string[]).includes(path.extname(f)))
    .map((f) => f.slice(0, -path.extname(f).length));
  return [...new Set(names)].sort();
}

let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
before(async () => { browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** Opens the standalone page from disk and returns the trace count plotly.js drew. */
async function renderedTraceCount(htmlPath: string): Promise<number> {
  const page = await browser!.context.newPage();
  try {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(pathToFileURL(htmlPath).href);
    await page.waitForSelector(".js-plotly-plot .main-svg", { timeout: 30_000 });
    assert.deepEqual(errors, [], `${htmlPath}: page errors`);
    return await page.evaluate(() => (document.querySelector(".js-plotly-plot") as unknown as { data: unknown[] }).data.length);
  } finally {
    await page.close();
  }
}

const names = notebookNames();
test("there is at least one notebook to run", () => {
  assert.ok(names.length > 0, "no notebooks/NN-name.ipynb in the repository");
});

for (const name of names) {
  describe(`notebook ${name} (QUICK=1)`, { timeout: 45 * 60_000 }, () => {
    test("runs headless without a failing cell, with figures shown inline", async () => {
      const run = await runNotebookQuick(name);
      const nb = JSON.parse(fs.readFileSync(run.notebookPath, "utf8")) as { cells: Cell[] };
      const outputs = nb.cells.filter((c) => c.cell_type === "code").flatMap((c) => c.outputs ?? []);
      assert.equal(outputs.filter((o) => o.output_type === "error").length, 0);
      const interactive = outputs.filter((o) => o.data && "application/vnd.plotly.v1+json" in o.data).length;
      assert.ok(interactive >= 1, "no Plotly figure displayed in the executed notebook");
      // every saved figure is displayed: its PNG with the text "figure <name>: …" (the Plotly
      // JSON too unless the notebook asked for interactive: false, as for 10⁵-point grids)
      const shown = new Set(outputs.flatMap((o) => {
        if (!o.data || !("image/png" in o.data)) return [];
        const plain = o.data["text/plain"];
        const text = Array.isArray(plain) ? plain.join("") : typeof plain === "string" ? plain : "";
        const m = /^figure (\S+):/.exec(text);
        return m ? [m[1]] : [];
      }));
      const saved = fs.existsSync(run.figuresDir) ? figureNames(run.figuresDir) : [];
      const missing = saved.filter((f) => !shown.has(f));
      assert.deepEqual(missing, [], `figures saved but not displayed: ${missing.join(", ")}`);
    });

    test("every figure exists as PNG, SVG, HTML and JSON with plotted content", async () => {
      const run = await runNotebookQuick(name);
      assert.ok(fs.existsSync(run.figuresDir), `${run.figuresDir} was not created`);
      const figures = figureNames(run.figuresDir);
      assert.ok(figures.length > 0, `no figures in ${run.figuresDir}`);
      for (const fig of figures) {
        const base = path.join(run.figuresDir, fig);
        for (const ext of FORMATS) assert.ok(fs.existsSync(base + ext), `${fig}${ext} missing`);
        assertValidPng(`${base}.png`);
        assertValidSvg(`${base}.svg`);
        const json = JSON.parse(fs.readFileSync(`${base}.json`, "utf8")) as { data: unknown };
        assert.ok(Array.isArray(json.data) && json.data.length > 0, `${fig}.json: no data array`);
        const html = fs.readFileSync(`${base}.html`, "utf8");
        assert.match(html, /plotly/i, `${fig}.html does not mention plotly`);
        assert.equal(await renderedTraceCount(`${base}.html`), json.data.length, `${fig}.html: traces drawn vs .json`);
      }
    });

    test("every CSV in data/ has a header and at least one row", async () => {
      const run = await runNotebookQuick(name);
      const csvs = fs.existsSync(run.dataDir) ? fs.readdirSync(run.dataDir).filter((f) => f.endsWith(".csv")) : [];
      for (const csv of csvs) {
        const lines = fs.readFileSync(path.join(run.dataDir, csv), "utf8").trim().split(/\r?\n/);
        assert.ok(lines.length >= 2, `${csv}: no data rows`);
        const columns = lines[0].split(",").length;
        for (const [i, line] of lines.entries()) {
          if (!line.includes('"')) assert.equal(line.split(",").length, columns, `${csv} line ${i + 1}: column count`);
        }
      }
    });
  });
}
