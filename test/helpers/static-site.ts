/**
 * The static site for tests: building it with scripts/site/build_site.py into a temporary
 * folder, and serving a folder over HTTP on 127.0.0.1 (GET only, files below the folder only).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { REPO, VENV_PYTHON } from "./notebook-run";

export const SITE_BUILDER = path.join(REPO, "scripts", "site", "build_site.py");

export interface SiteBuild { code: number; stdout: string; stderr: string }

/** Runs the site builder on project folder `root`, writing `out`. */
export function buildSite(root: string, out: string): SiteBuild {
  const run = spawnSync(VENV_PYTHON, [SITE_BUILDER, "--root", root, "--out", out], { encoding: "utf8", timeout: 300_000 });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json",
  ".png": "image/png", ".gif": "image/gif", ".svg": "image/svg+xml", ".csv": "text/csv", ".woff2": "font/woff2",
};

export interface StaticServer { url: string; close(): Promise<void> }

/** Serves the files below `dir` (404 for anything else, including paths that leave it). */
export function serveFolder(dir: string): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    const file = path.resolve(root, "." + (pathname.endsWith("/") ? `${pathname}index.html` : pathname));
    if (req.method !== "GET" || !file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
