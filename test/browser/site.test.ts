/**
 * The static site (`make site`, scripts/site/build_site.py) in a real Chromium via Playwright.
 *
 * The site of the committed notebooks is built into a temporary folder and served by a local
 * HTTP server; every page (home + one per notebooks/*.ipynb) is opened and must show no console
 * error, no failed request and no request outside the site folder (every other request is
 * aborted and reported); every Plotly figure must be drawn and answer a mouse hover with
 * Plotly's hover event (a figure stored as PNG only is first swapped for its HTML page by its
 * button); every link to a file of the site must resolve (its #fragment too).
 * The home page and a lesson are also opened from file://. LW_SITE_ROOT=<project folder> checks
 * the site of another checkout (e.g. a merge candidate) instead of this repository.
 *
 * A small fixture project checks what the committed notebooks do not exercise: lesson order
 * 01 < 01b < 02 from file names, titles from the first heading, KaTeX maths, folding of long
 * code cells, the links beside a figure, and, as cases that must fail, a page that asks an
 * outside host for an image and a notebook without a heading.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Frame, Page } from "playwright-core";
import { PNG } from "pngjs";
import { launchChromium } from "../helpers/chromium";
import { REPO } from "../helpers/notebook-run";
import { buildSite, serveFolder } from "../helpers/static-site";

type Launched = Awaited<ReturnType<typeof launchChromium>>;

/** What one page did wrong, plus what the link check needs. */
interface PageReport {
  consoleErrors: string[];
  failedRequests: string[];
  outsideRequests: string[];
  figures: number;
  unhoverable: string[];
  brokenFiles: string[];
  ids: string[];
  /** links to a fragment of a page of the site: [page file, fragment as in the URL] */
  fragments: [string, string][];
  navOrder: string[];
}

/** Whether `url` lies inside the site: below the server's origin or the site folder's file URL. */
function insideSite(url: string, base: string): boolean {
  return url.startsWith("data:") || url.startsWith(base);
}

/** The site file a URL points at (without query and fragment), or undefined for an outside URL. */
function siteFile(url: URL, base: URL, siteDir: string): string | undefined {
  if (url.protocol !== base.protocol || (url.protocol !== "file:" && url.origin !== base.origin)) return undefined;
  const relative = decodeURIComponent(url.pathname).slice(decodeURIComponent(base.pathname).length);
  return path.join(siteDir, relative);
}

/**
 * Hovers each Plotly figure (`selector`) in `scope` (the page, or a frame of it whose top-left
 * corner in the page is `frameOrigin()`); returns the ones that never fired `plotly_hover`.
 * The frame's corner is read after the figure has been scrolled into view: scrolling an element
 * inside a frame also scrolls the page around the frame, which moves the frame.
 */
async function hoverFigures(page: Page, scope: Page | Frame, selector: string, frameOrigin: () => Promise<{ x: number; y: number }> = async () => ({ x: 0, y: 0 })): Promise<{ figures: number; unhoverable: string[] }> {
  const figures = await scope.locator(selector).count();
  const unhoverable: string[] = [];
  const view = page.viewportSize() ?? { width: 1400, height: 1000 };
  for (let i = 0; i < figures; i++) {
    // candidate points: the middle data point of each hoverable trace, then a grid over the first subplot
    const candidates = await scope.evaluate(([sel, index]) => {
      type Axis = { _offset: number; _length: number; d2p(v: unknown): number };
      type Trace = { visible: unknown; hoverinfo?: string; type: string; xaxis?: string; yaxis?: string; x?: unknown[]; y?: number[] };
      const gd = document.querySelectorAll(sel)[index] as HTMLElement & {
        _fullLayout: Record<string, Axis>; _fullData: Trace[]; on(event: string, f: () => void): void;
      };
      gd.scrollIntoView({ block: "center" });
      gd.on("plotly_hover", () => { gd.dataset.lwHovered = "yes"; });
      const box = gd.getBoundingClientRect();
      const points: [number, number][] = [];
      let first: [Axis, Axis] | undefined;
      for (const t of gd._fullData) {
        if (t.visible !== true || t.hoverinfo === "skip" || t.xaxis === undefined || t.yaxis === undefined) continue;
        const xa = gd._fullLayout[`xaxis${t.xaxis.slice(1)}`], ya = gd._fullLayout[`yaxis${t.yaxis.slice(1)}`];
        first ??= [xa, ya];
        if (Array.isArray(t.x) && Array.isArray(t.y) && t.x.length > 0) {
          const k = Math.floor(t.x.length / 2);
          const y = t.type === "bar" ? Number(t.y[k]) / 2 : t.y[k];
          points.push([box.left + xa._offset + xa.d2p(t.x[k]), box.top + ya._offset + ya.d2p(y)]);
        }
      }
      if (first !== undefined) {
        const [xa, ya] = first;
        for (let gy = 1; gy < 8; gy++) for (let gx = 1; gx < 10; gx++) points.push([box.left + xa._offset + (xa._length * gx) / 10, box.top + ya._offset + (ya._length * gy) / 8]);
      }
      // then a grid over the whole figure (other subplots, image grids with gaps between tiles)
      for (let gy = 1; gy < 12; gy++) for (let gx = 1; gx < 14; gx++) points.push([box.left + (box.width * gx) / 14, box.top + (box.height * gy) / 12]);
      // a 3-D scene (WebGL) picks points from a GPU buffer that headless Chromium's software
      // renderer fills unreliably: such a figure counts when its scene has drawn a canvas
      const only3d = gd._fullData.every((t) => ["scatter3d", "surface", "mesh3d"].includes(t.type));
      const canvas = gd.querySelector(".gl-container canvas") as HTMLCanvasElement | null;
      if (only3d && canvas !== null && canvas.width > 0 && canvas.height > 0) gd.dataset.lwHovered = "yes";
      return points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
    }, [selector, i] as const);
    const figure = scope.locator(selector).nth(i);
    const offset = await frameOrigin();
    let hovered = await figure.evaluate((el) => (el as HTMLElement).dataset.lwHovered === "yes");
    for (const [fx, fy] of hovered ? [] : candidates) {
      const [x, y] = [fx + offset.x, fy + offset.y];
      if (x < 0 || y < 0 || x >= view.width || y >= view.height) continue;
      await page.mouse.move(x, y);
      await page.mouse.move(x + 1, y);
      // Plotly throttles hover to 50 ms; on a loaded machine the event can take longer: poll up to 400 ms
      // (no named functions in here: the test's compiler would wrap them in a helper the page lacks)
      hovered = await figure.evaluate((el) => new Promise<boolean>((resolve) => {
        const started = Date.now();
        const timer = setInterval(() => {
          const yes = (el as HTMLElement).dataset.lwHovered === "yes";
          if (yes || Date.now() - started > 400) {
            clearInterval(timer);
            resolve(yes);
          }
        }, 25);
      }));
      if (hovered) break;
    }
    if (!hovered) unhoverable.push(`figure ${i + 1} of ${figures} (${candidates.length} points tried)`);
  }
  return { figures, unhoverable };
}

/** Swaps each PNG-only figure for its HTML page (its button) and hovers the figure in that frame. */
async function hoverFramedFigures(page: Page): Promise<{ figures: number; unhoverable: string[] }> {
  const buttons = await page.locator(".lw-interactive").count();
  const unhoverable: string[] = [];
  for (let k = 0; k < buttons; k++) {
    await page.locator(".lw-interactive").first().click(); // the button goes once clicked
    const element = page.locator("iframe.lw-figure-frame").nth(k);
    const frame = await (await element.elementHandle())?.contentFrame();
    assert.ok(frame, "the interactive figure's frame did not load");
    await frame.waitForSelector(".js-plotly-plot .main-svg", { timeout: 120_000 });
    await element.evaluate((el) => el.scrollIntoView({ block: "start" }));
    const origin = async () => {
      const box = await element.boundingBox();
      assert.ok(box, "the interactive figure's frame has no box");
      return { x: box.x, y: box.y };
    };
    const hovered = await hoverFigures(page, frame, ".js-plotly-plot", origin);
    unhoverable.push(...hovered.unhoverable.map((u) => `framed ${u}`));
  }
  return { figures: buttons, unhoverable };
}

/** Opens `url` (a page of the site at `base`), checks requests, figures, hover and links. */
async function checkPage(context: BrowserContext, url: string, base: string, siteDir: string): Promise<PageReport> {
  const report: PageReport = { consoleErrors: [], failedRequests: [], outsideRequests: [], figures: 0, unhoverable: [], brokenFiles: [], ids: [], fragments: [], navOrder: [] };
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") report.consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => report.consoleErrors.push(String(e)));
  page.on("requestfailed", (r) => { if (insideSite(r.url(), base)) report.failedRequests.push(`${r.url()}: ${r.failure()?.errorText}`); });
  page.on("response", (r) => { if (r.status() >= 400) report.failedRequests.push(`${r.url()}: HTTP ${r.status()}`); });
  await page.route("**/*", (route) => {
    const requested = route.request().url();
    if (insideSite(requested, base)) return route.continue();
    report.outsideRequests.push(requested);
    return route.abort("blockedbyclient");
  });
  try {
    await page.goto(url, { waitUntil: "load", timeout: 120_000 });
    const expected = await page.locator(".lw-plotly").count();
    await page.waitForFunction((n) => document.querySelectorAll(".lw-plotly .js-plotly-plot .main-svg").length >= n, expected, { timeout: 120_000 });
    const drawn = await page.evaluate(() => Array.from(document.querySelectorAll(".lw-plotly .js-plotly-plot"))
      .map((el) => ((el as unknown as { _fullData?: unknown[] })._fullData ?? []).length));
    assert.equal(drawn.length, expected, `${url}: ${expected} Plotly outputs, ${drawn.length} drawn`);
    assert.ok(drawn.every((n) => n > 0), `${url}: a Plotly figure has no trace (${JSON.stringify(drawn)})`);
    const inline = await hoverFigures(page, page, ".lw-plotly .js-plotly-plot");
    const framed = await hoverFramedFigures(page);
    report.figures = inline.figures + framed.figures;
    report.unhoverable = [...inline.unhoverable, ...framed.unhoverable];
    await page.evaluate(() => document.querySelectorAll<HTMLImageElement>('img[src$=".gif"]').forEach((img) => { img.loading = "eager"; }));
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>('img[src$=".gif"]')).every((img) => img.complete), undefined, { timeout: 60_000 });
    const broken = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLImageElement>('img[src$=".gif"]')).filter((img) => img.naturalWidth === 0).map((img) => img.src));
    report.brokenFiles.push(...broken.map((src) => `GIF not drawn: ${src}`));
    report.ids = await page.evaluate(() => Array.from(document.querySelectorAll("[id]")).map((el) => el.id));
    report.navOrder = await page.locator(".lw-nav a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    const baseUrl = new URL(base);
    for (const href of hrefs) {
      const target = new URL(href);
      const file = siteFile(target, baseUrl, siteDir);
      if (file === undefined) continue; // a link to another site: followed by the reader, never requested here
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) report.brokenFiles.push(`${href} → ${file}`);
      else if (target.hash.length > 1 && file.endsWith(".html")) report.fragments.push([file, target.hash.slice(1)]);
    }
  } finally {
    await page.close();
  }
  return report;
}

/** Problems of a report as lines (empty: the page is fine). */
function problems(name: string, r: PageReport): string[] {
  return [
    ...r.consoleErrors.map((e) => `${name}: console error: ${e}`),
    ...r.failedRequests.map((e) => `${name}: failed request: ${e}`),
    ...r.outsideRequests.map((e) => `${name}: request outside the site: ${e}`),
    ...r.unhoverable.map((e) => `${name}: no hover on ${e}`),
    ...r.brokenFiles.map((e) => `${name}: broken link or image: ${e}`),
  ];
}

/** Fragments that name no element of their page. */
function missingFragments(reports: Map<string, PageReport>): string[] {
  const missing: string[] = [];
  for (const [name, r] of reports) {
    for (const [file, id] of r.fragments) {
      const target = reports.get(path.basename(file));
      // as a browser does: the fragment as written, then percent-decoded (nbconvert's ids keep %XX)
      if (target !== undefined && !target.ids.includes(id) && !target.ids.includes(decodeURIComponent(id))) missing.push(`${name}: #${id} not found in ${path.basename(file)}`);
    }
  }
  return missing;
}

/** The figure, animation and Plotly outputs of a committed notebook (lib's showFigure/showAnimation name theirs in text/plain). */
function figureOutputs(lesson: string): { name: string; plotly: boolean }[] {
  const nb = JSON.parse(fs.readFileSync(path.join(ROOT, "notebooks", `${lesson}.ipynb`), "utf8")) as { cells: { outputs?: { data?: Record<string, unknown> }[] }[] };
  return nb.cells.flatMap((c) => c.outputs ?? []).flatMap((output) => {
    const data = output.data ?? {};
    const text = data["text/plain"];
    const named = /^(?:figure|animation) ([\w.-]+): /.exec(Array.isArray(text) ? text.join("") : String(text ?? ""));
    const plotly = "application/vnd.plotly.v1+json" in data;
    return named || plotly ? [{ name: named?.[1] ?? "", plotly }] : [];
  });
}

/** Plotly figures a lesson shows: Plotly outputs, and PNG-only figures with an HTML page. */
function plotlyFiguresOf(lesson: string): number {
  return figureOutputs(lesson).filter((f) => f.plotly || fs.existsSync(path.join(ROOT, "figures", lesson, `${f.name}.html`))).length;
}

/** The project whose site is checked: this repository, or LW_SITE_ROOT (e.g. a merge candidate's checkout). */
const ROOT = process.env.LW_SITE_ROOT ?? REPO;
const lessons = fs.readdirSync(path.join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb")).map((f) => f.slice(0, -".ipynb".length)).sort();

test("the site of the committed notebooks: every page, figure and link, over HTTP and from file://", { timeout: 900_000 }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lw-site-"));
  const siteDir = path.join(tmp, "site");
  let browser: Launched | undefined;
  const server = await serveFolder(siteDir);
  try {
    const built = buildSite(ROOT, siteDir);
    assert.equal(built.code, 0, `site build failed:\n${built.stderr}`);
    const pages = fs.readdirSync(siteDir).filter((f) => f.endsWith(".html")).sort();
    assert.deepEqual(pages, ["index.html", ...lessons.map((l) => `${l}.html`)].sort(), "one page per notebook plus the home page");

    browser = await launchChromium();
    const reports = new Map<string, PageReport>();
    for (const name of ["index.html", ...lessons.map((l) => `${l}.html`)]) {
      reports.set(name, await checkPage(browser.context, `${server.url}/${name}`, `${server.url}/`, siteDir));
    }
    const all = [...reports].flatMap(([name, r]) => problems(name, r));
    assert.deepEqual([...all, ...missingFragments(reports)], []);
    const home = reports.get("index.html") as PageReport;
    assert.deepEqual(home.navOrder, ["index.html", ...lessons.map((l) => `${l}.html`)], "navigation lists the lessons in file-name order");
    for (const lesson of lessons.filter((l) => figureOutputs(l).length > 0)) {
      assert.ok(home.fragments.some(([file]) => path.basename(file) === `${lesson}.html`), `the gallery links no figure of ${lesson}`);
    }
    const figures = lessons.map((l) => (reports.get(`${l}.html`) as PageReport).figures);
    assert.deepEqual(figures, lessons.map(plotlyFiguresOf), "every Plotly figure of each notebook drawn and hovered");
    assert.ok(figures.some((n) => n > 0), "no Plotly figure on any lesson page");

    const base = pathToFileURL(siteDir).href + "/";
    for (const name of ["index.html", `${lessons[0]}.html`]) {
      const r = await checkPage(browser.context, base + name, base, siteDir);
      assert.deepEqual(problems(`file://…/${name}`, r), []);
    }
  } finally {
    await browser?.close();
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// The fixture project

const GIF_1PX = "R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==";

function pngBytes(): Buffer {
  const png = new PNG({ width: 4, height: 3 });
  png.data.fill(200);
  return PNG.sync.write(png);
}

function markdown(source: string): object {
  return { cell_type: "markdown", metadata: {}, source };
}

function code(source: string, outputs: object[] = []): object {
  return { cell_type: "code", metadata: {}, execution_count: 1, source, outputs };
}

function notebook(cells: object[]): string {
  return JSON.stringify({ cells, metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } }, nbformat: 4, nbformat_minor: 5 }, null, 1);
}

/** notebooks 02, 01b and 01 (written in that order), their figures and data, docs/articles.md, README.md. */
function fixtureProject(root: string): void {
  const write = (rel: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  };
  const figure = { data: [{ type: "scatter", mode: "markers", x: [1, 2, 3], y: [4, 1, 9] }], layout: { width: 500, height: 300 }, config: {} };
  const frozen = { ...figure, layout: { ...figure.layout, hovermode: false } };
  write("notebooks/02-second.ipynb", notebook([
    markdown('# 02 · Second\n\nAn image from elsewhere: <img src="http://example.invalid/tracker.png" alt="outside">'),
    code("frozen", [{ output_type: "display_data", metadata: {}, data: { "application/vnd.plotly.v1+json": frozen, "text/plain": "frozen" } }]),
  ]));
  write("notebooks/01b-middle.ipynb", notebook([markdown("Some text before the title.\n\n## 01b · Middle `lesson`")]));
  write("notebooks/01-first.ipynb", notebook([
    markdown("# 01 · First *lesson*\n\nThe squared norm $\\|z\\|^2 = \\sum_i z_i^2$ and the law\n\n$$\\chi(100)$$\n\n## Section one"),
    code(Array.from({ length: 20 }, (_, i) => `const v${i} = ${i};`).join("\n")),
    code("const short = `${1}`;", [{
      output_type: "display_data", metadata: { "image/png": { width: 500, height: 300 } },
      data: { "application/vnd.plotly.v1+json": figure, "image/png": pngBytes().toString("base64"), "text/plain": "figure fx: figures/01-first/fx.png (.svg .html .json)" },
    }, {
      output_type: "display_data", metadata: {},
      data: { "image/gif": GIF_1PX, "text/plain": "animation steps: figures/01-first/steps.gif" },
    }]),
    code("big", [{
      output_type: "display_data", metadata: { "image/png": { width: 400, height: 300 } },
      data: { "image/png": pngBytes().toString("base64"), "text/plain": "figure big: figures/01-first/big.png (.svg .html .json)" },
    }]),
    markdown("## Section two"),
  ]));
  // a figure stored as PNG only, with its standalone page (as lib/plot/html.ts writes them: ../plotly.min.js)
  write("figures/01-first/big.png", pngBytes());
  write("figures/01-first/big.html", '<!DOCTYPE html><html><head><meta charset="utf-8"><script src="../plotly.min.js"></script></head><body><div id="figure"></div>'
    + '<script>Plotly.newPlot("figure", [{ type: "scatter", mode: "markers", x: [1, 2, 3], y: [3, 1, 2] }], { width: 400, height: 300 });</script></body></html>');
  write("figures/01-first/fx.png", pngBytes());
  write("figures/01-first/fx.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"/>');
  write("figures/01-first/fx.html", "<!DOCTYPE html><title>fx</title>");
  write("figures/01-first/fx.json", JSON.stringify(figure));
  write("figures/01-first/steps.gif", Buffer.from(GIF_1PX, "base64"));
  write("data/01-first/table.csv", "a,b\n1,2\n");
  write("docs/articles.md", '# Articles\n\n## 1. "Title one"\n\nFirst summary.\n\n## 2. Title two\n\nSecond summary.\n');
  write("README.md", "# Fixture\n\nWhat the fixture project is.\n\n## More\n");
}

test("fixture site: lesson order and titles, maths, folded code, figure links; an outside request and a missing title are caught", { timeout: 300_000 }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lw-site-fixture-"));
  const root = path.join(tmp, "project");
  const siteDir = path.join(tmp, "site");
  fixtureProject(root);
  let browser: Launched | undefined;
  const server = await serveFolder(siteDir);
  try {
    const built = buildSite(root, siteDir);
    assert.equal(built.code, 0, `site build failed:\n${built.stderr}`);
    browser = await launchChromium();
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/index.html`);
    const nav = await page.locator(".lw-nav a").evaluateAll((as) => as.map((a) => [a.getAttribute("href"), a.textContent?.trim()]));
    assert.deepEqual(nav, [["index.html", "Home"], ["01-first.html", "01 · First lesson"], ["01b-middle.html", "01b · Middle lesson"], ["02-second.html", "02 · Second"]]);
    assert.deepEqual(await page.locator(".lw-articles dt").allTextContents(), ['"Title one"', "Title two"]);
    assert.equal((await page.locator(".lw-intro").textContent())?.trim(), "What the fixture project is.");
    assert.deepEqual(await page.locator(".lw-gallery a").evaluateAll((as) => as.map((a) => a.getAttribute("href"))),
      ["01-first.html#figure-fx", "01-first.html#figure-steps", "01-first.html#figure-big"]);

    const first = await checkPage(browser.context, `${server.url}/01-first.html`, `${server.url}/`, siteDir);
    assert.deepEqual(problems("01-first.html", first), []);
    assert.equal(first.figures, 2, "the Plotly output and the PNG-only figure swapped for its page");
    await page.goto(`${server.url}/01-first.html`);
    await page.waitForSelector(".lw-plotly .js-plotly-plot .main-svg");
    assert.equal(await page.locator(".jp-MarkdownCell .katex").count(), 2, "two formulas typeset by KaTeX");
    assert.equal(await page.locator(".jp-MarkdownCell .katex-display").count(), 1, "one display formula");
    assert.equal(await page.locator("details.lw-code").count(), 1, "only the 20-line cell is folded");
    assert.equal((await page.locator("details.lw-code > summary").textContent())?.trim(), "code · 20 lines");
    assert.equal(await page.locator(".jp-CodeCell pre").filter({ hasText: "const short" }).count(), 1, "short cells are shown open");
    assert.deepEqual(await page.locator("#figure-fx .lw-figure-links a").evaluateAll((as) => as.map((a) => a.getAttribute("href"))),
      ["figures/01-first/fx.png", "figures/01-first/fx.svg", "figures/01-first/fx.html", "figures/01-first/fx.json", "data/01-first/table.csv"]);
    assert.equal(await page.locator("#figure-fx img").count(), 0, "the PNG twin of an interactive figure is not shown");
    assert.equal(await page.locator("#figure-steps img").getAttribute("src"), "figures/01-first/steps.gif");
    assert.deepEqual(await page.locator(".lw-toc a").allTextContents(), ["01 · First lesson", "Section one", "Section two"]);

    // must fail: the second lesson asks an outside host for an image, and its figure ignores the mouse
    const second = await checkPage(browser.context, `${server.url}/02-second.html`, `${server.url}/`, siteDir);
    assert.deepEqual(second.outsideRequests, ["http://example.invalid/tracker.png"]);
    assert.equal(second.figures, 1);
    assert.equal(second.unhoverable.length, 1, "a figure with hovermode: false must be reported");

    // must fail: a notebook without a heading has no title
    fs.writeFileSync(path.join(root, "notebooks", "03-untitled.ipynb"), notebook([markdown("no heading here")]));
    const untitled = buildSite(root, path.join(tmp, "site2"));
    assert.equal(untitled.code, 1);
    assert.match(untitled.stderr, /03-untitled\.ipynb: no markdown heading/);
  } finally {
    await browser?.close();
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
