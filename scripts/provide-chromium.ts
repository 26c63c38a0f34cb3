/**
 * Unpacks the headless Chromium shipped in the npm package @sparticuz/chromium into
 * `.cache/chromium/<version>/`, for machines without a system Chromium. No root, no download
 * beyond `npm ci`. Called by `bash scripts/find-chromium.sh --provide` (part of `make setup`)
 * only when no other Chromium is found; prints the path of the launcher on stdout.
 *
 *   node --import tsx scripts/provide-chromium.ts
 *
 * What lands in `.cache/chromium/<version>/` (unpacked into a staging folder, checked, then
 * renamed into place, so an interrupted run leaves nothing half-made):
 *
 *   headless_shell   the browser (chrome-headless-shell), from bin/chromium.br
 *   libEGL.so, ...   SwiftShader, Chromium's software GL (WebGL without a GPU)
 *   fonts/           Open Sans, Plotly's default font family
 *   fonts.conf       the system's fontconfig set-up (if any) plus fonts/ above
 *   al2023/lib/      NSS, NSPR and expat libraries, used only where the system lacks them
 *   chrome           the launcher to use: sets FONTCONFIG_FILE (and LD_LIBRARY_PATH when
 *                    needed), then runs headless_shell with the given arguments
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { pipeline } from "stream/promises";
import * as zlib from "zlib";

const ROOT = path.resolve(__dirname, "..");
const CACHE = path.join(ROOT, ".cache", "chromium");
const LAUNCHER = "chrome";

function log(message: string): void {
  process.stderr.write(`[provide-chromium] ${message}\n`);
}

/** bin/ folder and version of the installed @sparticuz/chromium. */
function packageFiles(): { bin: string; version: string } {
  let main: string;
  try {
    main = require.resolve("@sparticuz/chromium"); // <pkg>/build/cjs/index.cjs
  } catch {
    throw new Error("@sparticuz/chromium is not installed in node_modules: run `npm ci` (or `make setup`) first");
  }
  const pkgDir = path.resolve(path.dirname(main), "..", "..");
  const version = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")).version as string;
  return { bin: path.join(pkgDir, "bin"), version };
}

/** Decompresses `file` (brotli) into `target`. */
async function unbrotli(file: string, target: string, mode: number): Promise<void> {
  await pipeline(fs.createReadStream(file), zlib.createBrotliDecompress({ chunkSize: 1 << 21 }), fs.createWriteStream(target, { mode }));
}

/** Decompresses `file` (a brotli-compressed tar, a few MB) and unpacks it into `dir` with the system tar. */
function untar(file: string, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const input = zlib.brotliDecompressSync(fs.readFileSync(file));
  const r = spawnSync("tar", ["-x", "--no-same-owner", "-C", dir], { input, encoding: "utf8" });
  if (r.status !== 0) {
    throw new Error(`tar -x ${path.basename(file)} into ${dir} failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr.trim()}`);
  }
}

/** `<dir>/<exe> --version`; the first line of output, or the error text. */
function version(exe: string, env: NodeJS.ProcessEnv = process.env): { ok: boolean; text: string } {
  const r = spawnSync(exe, ["--version"], { encoding: "utf8", env, timeout: 60_000 });
  const text = `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? r.error.message : ""}`.trim().split("\n")[0] ?? "";
  return { ok: r.status === 0 && /Chrom/.test(text), text };
}

/**
 * fontconfig set-up: the system's own configuration when there is one, and the bundled Open
 * Sans, so figure text renders even on a machine without any font package. The font folder is
 * relative to this file, so it moves with the repository; the cache goes to the user's
 * $XDG_CACHE_HOME/fontconfig (a relative cachedir would be taken relative to the browser's
 * working directory and litter the notebooks/ folder).
 */
const FONTS_CONF = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir prefix="relative">fonts</dir>
  <cachedir prefix="xdg">fontconfig</cachedir>
</fontconfig>
`;

function launcherScript(version: string, withLibs: boolean): string {
  return [
    "#!/bin/sh",
    `# Chromium ${version} (headless shell) from the npm package @sparticuz/chromium, unpacked by`,
    "# scripts/provide-chromium.ts. Runs it with the fontconfig set-up beside this file.",
    'DIR="$(cd "$(dirname "$0")" && pwd)"',
    'export FONTCONFIG_FILE="$DIR/fonts.conf"',
    ...(withLibs
      ? ["# this system lacks NSS/NSPR/expat: use the copies shipped with the package",
        'export LD_LIBRARY_PATH="$DIR/al2023/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"']
      : []),
    'exec "$DIR/headless_shell" "$@"',
    "",
  ].join("\n");
}

async function unpack(bin: string, stage: string, pkgVersion: string): Promise<void> {
  fs.mkdirSync(stage, { recursive: true });
  const exe = path.join(stage, "headless_shell");
  const browser = unbrotli(path.join(bin, "chromium.br"), exe, 0o755);
  untar(path.join(bin, "swiftshader.tar.br"), stage);
  untar(path.join(bin, "fonts.tar.br"), path.join(stage, "fonts-package"));
  untar(path.join(bin, "al2023.tar.br"), path.join(stage, "al2023"));
  await browser;
  // fonts.tar.br holds fonts.conf (Lambda paths, not used) and fonts/<family>/*.ttf
  fs.renameSync(path.join(stage, "fonts-package", "fonts"), path.join(stage, "fonts"));
  fs.rmSync(path.join(stage, "fonts-package"), { recursive: true, force: true });
  fs.writeFileSync(path.join(stage, "fonts.conf"), FONTS_CONF);
  const plain = version(exe);
  let withLibs = false;
  if (!plain.ok) {
    const libs = { ...process.env, LD_LIBRARY_PATH: path.join(stage, "al2023", "lib") };
    if (!version(exe, libs).ok) throw new Error(`the unpacked Chromium does not start: ${plain.text}`);
    withLibs = true;
    log(`system libraries missing (${plain.text}); the launcher uses the package's NSS/NSPR/expat`);
  }
  const launcher = path.join(stage, LAUNCHER);
  fs.writeFileSync(launcher, launcherScript(pkgVersion, withLibs), { mode: 0o755 });
  const check = version(launcher);
  if (!check.ok) throw new Error(`the launcher ${launcher} does not start Chromium: ${check.text}`);
}

async function main(): Promise<void> {
  const { bin, version: pkgVersion } = packageFiles();
  const dest = path.join(CACHE, pkgVersion);
  const launcher = path.join(dest, LAUNCHER);
  if (fs.existsSync(launcher) && version(launcher).ok) {
    const conf = path.join(dest, "fonts.conf");
    if (fs.readFileSync(conf, "utf8") !== FONTS_CONF) fs.writeFileSync(conf, FONTS_CONF); // unpacked by an older set-up
    process.stdout.write(`${launcher}\n`);
    return;
  }
  const stage = path.join(CACHE, `.stage-${process.pid}`);
  const started = Date.now();
  log(`no system Chromium: unpacking Chromium from @sparticuz/chromium ${pkgVersion} into ${dest}`);
  fs.rmSync(stage, { recursive: true, force: true });
  try {
    await unpack(bin, stage, pkgVersion);
    fs.rmSync(dest, { recursive: true, force: true });
    fs.renameSync(stage, dest);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
  // earlier versions and staging folders of interrupted runs
  for (const entry of fs.readdirSync(CACHE)) {
    if (entry !== pkgVersion) fs.rmSync(path.join(CACHE, entry), { recursive: true, force: true });
  }
  log(`${version(launcher).text} ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${launcher}`);
  process.stdout.write(`${launcher}\n`);
}

main().catch((err: Error) => {
  log(`error: ${err.message}`);
  process.exit(1);
});
