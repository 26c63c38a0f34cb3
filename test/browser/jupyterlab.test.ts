/**
 * JupyterLab end to end: a real server from the venv with the tslab kernel, driven by
 * Chromium through Playwright. It opens notebooks/01-latent-geometry.ipynb (a copy in a temp
 * folder, so the committed file is never autosaved), keeps its cells up to the one that calls
 * setupNotebook, adds a cell that plots y = x² with the lib's showFigure, runs all cells, and
 * checks that JupyterLab's Plotly renderer drew that figure in the output area.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { launchChromium } from "../helpers/chromium";
import { startJupyterLab, type JupyterLab } from "../helpers/jupyter-lab";
import { assertBuildFresh, REPO } from "../helpers/notebook-run";

const NOTEBOOK = "01-latent-geometry";
const SOURCE = process.env.LW_BROWSER_NOTEBOOK ?? path.join(REPO, "notebooks", `${NOTEBOOK}.ipynb`);
const XS = Array.from({ length: 11 }, (_, i) => i - 5);
const YS = XS.map((x) => x * x);

interface Cell { cell_type: string; source: string | string[]; metadata: object; outputs?: unknown[]; execution_count?: null }

const joined = (s: string | string[]) => (Array.isArray(s) ? s.join("") : s);

/** The notebook's cells through its setupNotebook cell, outputs cleared, plus the plotting cell. */
function checkNotebook(source: string): object {
  const nb = JSON.parse(fs.readFileSync(source, "utf8")) as { cells: Cell[] };
  const setup = nb.cells.findIndex((c) => c.cell_type === "code" && joined(c.source).includes("setupNotebook("));
  const cells = nb.cells.slice(0, setup + 1).map((c) =>
    c.cell_type === "code" ? { ...c, outputs: [], execution_count: null } : c);
  cells.push({
    cell_type: "code", metadata: {}, outputs: [], execution_count: null,
    source: [
      'import { setupNotebook as setupForCheck } from "../dist/lib/notebook/context";',
      'import { showFigure as showForCheck } from "../dist/lib/notebook/display";',
      `const checkCtx = await setupForCheck("${NOTEBOOK}");`,
      `await showForCheck(checkCtx, "browser-check", { data: [{ type: "scatter", mode: "lines+markers", x: ${JSON.stringify(XS)}, y: ${JSON.stringify(YS)} }], layout: { title: { text: "y = x²" } } });`,
    ].join("\n"),
  });
  return { ...nb, cells };
}

/** repo layout in a temp folder: notebooks/<copy>, and links to dist, node_modules, package.json. */
function workspace(): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), "lw-lab-"));
  fs.mkdirSync(path.join(ws, "notebooks"));
  for (const link of ["dist", "node_modules", "package.json"]) fs.symlinkSync(path.join(REPO, link), path.join(ws, link));
  fs.writeFileSync(path.join(ws, "notebooks", `${NOTEBOOK}.ipynb`), JSON.stringify(checkNotebook(SOURCE), null, 1));
  return ws;
}

test(`JupyterLab opens ${NOTEBOOK}, runs it on tslab and renders a Plotly figure`, { timeout: 360_000 }, async () => {
  assert.ok(fs.existsSync(SOURCE), `${SOURCE} does not exist`);
  assertBuildFresh();
  const ws = workspace();
  let lab: JupyterLab | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    lab = await startJupyterLab(ws, { QUICK: "1", LW_OUT: path.join(ws, "out") });
    browser = await launchChromium();
    const page = await browser.context.newPage();
    await page.goto(`${lab.url}/lab/tree/notebooks/${NOTEBOOK}.ipynb?token=${lab.token}`);
    await page.waitForSelector(".jp-NotebookPanel .jp-Cell", { timeout: 90_000 });
    const tab = await page.locator(".lm-TabBar-tab.jp-mod-current .lm-TabBar-tabLabel").first().textContent();
    assert.equal(tab?.trim(), `${NOTEBOOK}.ipynb`);

    // wait for the TypeScript kernel, then run every cell through JupyterLab's own command
    await page.waitForFunction(() => {
      const app = (window as unknown as { jupyterapp?: any }).jupyterapp;
      const kernel = app?.shell?.currentWidget?.sessionContext?.session?.kernel;
      return kernel?.name === "tslab" && kernel?.status === "idle";
    }, undefined, { timeout: 120_000, polling: 500 });
    await page.evaluate(() => (window as unknown as { jupyterapp: any }).jupyterapp.commands.execute("notebook:run-all-cells"));

    // jupyterlab-plotly first shows the bundle's PNG and builds the interactive graph when the
    // pointer enters it, so the test hovers the image like a reader would.
    const deadline = Date.now() + Number(process.env.LW_BROWSER_PLOT_SECONDS ?? 180) * 1000;
    const image = page.locator(".jp-OutputArea .jp-RenderedPlotly .plot-img").first();
    let plotted: number[][] = [];
    while (Date.now() < deadline) {
      if (await image.count() > 0 && await page.locator(".jp-OutputArea .js-plotly-plot").count() === 0) {
        await image.scrollIntoViewIfNeeded();
        await image.hover({ timeout: 10_000 }).catch(() => undefined);
      }
      plotted = await page.evaluate(() => Array.from(document.querySelectorAll(".jp-OutputArea .js-plotly-plot"))
        .map((el) => ((el as unknown as { data?: { y?: number[] }[] }).data?.[0]?.y ?? []).map(Number)));
      if (plotted.length > 0) break;
      const errors = await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').allTextContents();
      const failure = errors.find((e) => /Error/.test(e));
      assert.equal(failure, undefined, `a cell failed in JupyterLab:\n${failure}`);
      await page.waitForTimeout(1000);
    }
    if (plotted.length === 0) {
      const shot = path.join(os.tmpdir(), `lw-jupyterlab-failure-${process.pid}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      const outputs = await page.locator(".jp-OutputArea-output").allTextContents();
      assert.fail(`no rendered Plotly figure (.js-plotly-plot) in the output area; screenshot ${shot}; outputs:\n${outputs.join("\n---\n").slice(0, 3000)}`);
    }
    assert.ok(plotted.some((y) => JSON.stringify(y) === JSON.stringify(YS)), `plotted y values ${JSON.stringify(plotted)}`);
    assert.ok(await page.locator(".jp-OutputArea .js-plotly-plot .main-svg .scatterlayer .trace").count() >= 1,
      "the figure has no drawn trace");
  } finally {
    await browser?.close();
    await lab?.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  }
});
