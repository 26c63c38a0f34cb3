/**
 * Headless rendering of Plotly figures: one Chromium per process, driven by playwright-core.
 *
 * The browser (found and launched by browser.ts) is started lazily on the first figure, reused
 * for every later figure of the run (a notebook renders dozens), and closed by
 * {@link closeRenderer}; if the process exits first, playwright's exit handler kills the
 * browser and browser.ts removes its profile folder (Chromium also quits when its control
 * pipe closes), so no Chromium outlives the run. plotly.js (the `plotly.js-dist` bundle from
 * node_modules) is loaded once into a blank page; each figure is drawn there by
 * `Plotly.toImage`, which returns a data URL: PNG → bytes, SVG → text. Nothing is fetched
 * from the network.
 */
import * as fs from "fs";
import type { Page } from "playwright-core";
import { launchChromium, type LaunchedChromium } from "./browser";

export { findChromium } from "./browser";

/** A Plotly figure as JSON: traces, layout and config (https://plotly.com/javascript/reference/). */
export interface PlotlyFigure {
  data: object[];
  layout?: object;
  config?: object;
}

export interface ImageSize {
  width?: number;
  height?: number;
}

export const DEFAULT_SIZE = { width: 720, height: 480 } as const;
/** Device pixels per CSS pixel in the PNG (2 gives crisp images on high-density screens). */
export const PNG_SCALE = 2;

/** Path of the plotly.js bundle loaded into the page and inlined/copied for standalone HTML. */
export function plotlyBundlePath(): string {
  return require.resolve("plotly.js-dist/plotly.js");
}

interface Session {
  browser: LaunchedChromium;
  page: Page;
}

let session: Promise<Session> | undefined;

async function launch(): Promise<Session> {
  const browser = await launchChromium();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.setContent("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body></body></html>");
    await page.addScriptTag({ content: fs.readFileSync(plotlyBundlePath(), "utf8") });
    await page.waitForFunction(() => typeof (globalThis as { Plotly?: unknown }).Plotly === "object");
    return { browser, page };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

function getSession(): Promise<Session> {
  if (session === undefined) {
    session = launch();
    session.catch(() => (session = undefined)); // a failed launch may be retried later
  }
  return session;
}

/** Draws `fig` in the shared page and returns Plotly's data URL of the image. */
async function toDataUrl(fig: PlotlyFigure, format: "png" | "svg", size: ImageSize, scale: number): Promise<string> {
  const { page } = await getSession();
  const width = size.width ?? DEFAULT_SIZE.width;
  const height = size.height ?? DEFAULT_SIZE.height;
  return page.evaluate(
    async ({ fig, format, width, height, scale }) => {
      const Plotly = (globalThis as unknown as { Plotly: { toImage(f: unknown, o: unknown): Promise<string> } }).Plotly;
      return Plotly.toImage({ data: fig.data, layout: fig.layout ?? {}, config: fig.config ?? {} }, { format, width, height, scale });
    },
    { fig, format, width, height, scale },
  );
}

/** The figure as PNG bytes, `width·scale × height·scale` pixels. */
export async function renderPng(fig: PlotlyFigure, size: ImageSize = {}, scale = PNG_SCALE): Promise<Buffer> {
  const url = await toDataUrl(fig, "png", size, scale);
  const prefix = "data:image/png;base64,";
  if (!url.startsWith(prefix)) throw new Error(`Plotly.toImage returned no PNG data URL: ${url.slice(0, 40)}…`);
  return Buffer.from(url.slice(prefix.length), "base64");
}

/** The figure as an SVG document. */
export async function renderSvg(fig: PlotlyFigure, size: ImageSize = {}): Promise<string> {
  const url = await toDataUrl(fig, "svg", size, 1);
  const comma = url.indexOf(",");
  const header = url.slice(0, comma);
  if (!header.startsWith("data:image/svg+xml")) throw new Error(`Plotly.toImage returned no SVG data URL: ${header}`);
  const body = url.slice(comma + 1);
  return header.endsWith(";base64") ? Buffer.from(body, "base64").toString("utf8") : decodeURIComponent(body);
}

/**
 * A fresh page of the shared browser, e.g. to open a saved HTML figure (`file://` URL) and
 * check what it draws. The caller closes it.
 */
export async function newPage(): Promise<Page> {
  const { browser } = await getSession();
  return browser.context.newPage();
}

/** Closes the shared Chromium (the next render launches a new one). */
export async function closeRenderer(): Promise<void> {
  const current = session;
  session = undefined;
  if (current === undefined) return;
  try {
    const { browser } = await current;
    await browser.close();
  } catch {
    // launch had failed: nothing to close
  }
}
