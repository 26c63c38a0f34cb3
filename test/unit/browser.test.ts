/**
 * The Chromium finder and launcher (lib/plot/browser.ts): one finder shared with make and the
 * tests, profile folders that do not outlive their process, and a kernel that survives Ctrl-C.
 * The launch cases run only when a Chromium is found (`make setup` provides one).
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { chromiumMissingReason, findChromium, launchChromium, PROFILE_PREFIX, removeStaleProfiles } from "../../lib/plot/browser";
import { assertBuildFresh } from "../helpers/notebook-run";

const REPO = path.resolve(__dirname, "..", "..");
const FINDER = path.join(REPO, "scripts", "find-chromium.sh");
const found = findChromium();
const skip = found === undefined ? `no Chromium: ${chromiumMissingReason()}` : false;

function runFinder(env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync("bash", [FINDER], { env: { ...process.env, ...env }, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
}

/** Runs `fn` with CHROMIUM_PATH set to `value` (undefined: unset). */
function withChromiumPath<T>(value: string | undefined, fn: () => T): T {
  const before = process.env.CHROMIUM_PATH;
  if (value === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = value;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = before;
  }
}

test("lib finds exactly the browser scripts/find-chromium.sh prints", () => {
  const script = runFinder({});
  if (script.status === 0) assert.equal(found, script.stdout);
  else {
    assert.equal(script.status, 1, script.stderr);
    assert.equal(found, undefined);
    assert.match(chromiumMissingReason(), /No Chromium found/);
  }
});

test("found from a copy of the notebooks elsewhere (its own package.json, no scripts/): same browser", { skip, timeout: 60_000 }, () => {
  assertBuildFresh(); // notebooks load lib from dist/, as this check does
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), "lw-ws "));
  fs.symlinkSync(path.join(REPO, "package.json"), path.join(ws, "package.json"));
  fs.mkdirSync(path.join(ws, "notebooks"));
  try {
    const lib = JSON.stringify(path.join(ws, "dist", "lib", "plot", "browser.js"));
    fs.symlinkSync(path.join(REPO, "dist"), path.join(ws, "dist"));
    const r = spawnSync(process.execPath, ["-e", `console.log(require(${lib}).findChromium())`],
      { cwd: path.join(ws, "notebooks"), encoding: "utf8", env: { ...process.env, CHROMIUM_PATH: "" } });
    assert.equal(r.stdout.trim(), runFinder({ CHROMIUM_PATH: "" }).stdout, r.stderr);
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
});

test("CHROMIUM_PATH: an executable file (path with spaces) is taken as is; anything else is refused by name", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw browser "));
  const fake = path.join(dir, "my chrome");
  fs.writeFileSync(fake, "#!/bin/sh\necho Chromium 1.0\n", { mode: 0o755 });
  try {
    assert.equal(withChromiumPath(fake, findChromium), fake);
    assert.equal(runFinder({ CHROMIUM_PATH: fake }).stdout, fake);
    const notExecutable = path.join(dir, "plain file");
    fs.writeFileSync(notExecutable, "");
    for (const bad of [path.join(dir, "missing"), notExecutable, dir]) {
      assert.equal(runFinder({ CHROMIUM_PATH: bad }).status, 2, bad);
      assert.throws(() => withChromiumPath(bad, findChromium), (e: Error) => e.message.includes(`CHROMIUM_PATH="${bad}" is not allowed`));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("stale profile folders (owner gone) are removed, live owners' folders kept", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lw-stale-"));
  const gone = spawnSync(process.execPath, ["-e", "0"]).pid as number; // has exited
  const stale = path.join(tmp, `${PROFILE_PREFIX}${gone}-abc`);
  const live = path.join(tmp, `${PROFILE_PREFIX}${process.pid}-def`);
  const other = path.join(tmp, "lw-chromium-notapid");
  for (const d of [stale, live, other]) fs.mkdirSync(path.join(d, "Default"), { recursive: true });
  try {
    assert.deepEqual(removeStaleProfiles(tmp), [stale]);
    assert.ok(!fs.existsSync(stale));
    assert.ok(fs.existsSync(live) && fs.existsSync(other));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("launch: a fresh profile named after this process, removed on close", { skip, timeout: 120_000 }, async () => {
  const browser = await launchChromium();
  const profile = browser.profile;
  try {
    assert.ok(path.basename(profile).startsWith(`${PROFILE_PREFIX}${process.pid}-`), profile);
    assert.ok(fs.existsSync(profile));
    const page = await browser.context.newPage();
    await page.setContent("<p id='x'>θ ‖z‖</p>");
    assert.equal(await page.textContent("#x"), "θ ‖z‖");
  } finally {
    await browser.close();
  }
  assert.ok(!fs.existsSync(profile), `${profile} left behind`);
});

/** pids whose command line mentions `needle` (the browser's processes carry the profile path). */
function processesWith(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(needle)) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/**
 * Starts a Node process that renders one PNG through lib and prints its profile folder; with
 * `kernelLike`, it handles SIGINT itself as tslab does (an interrupt must not end it), then
 * renders a second figure after the interrupt.
 */
function startRenderer(kernelLike: boolean): { child: ReturnType<typeof spawn>; profile: Promise<string>; output: () => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-render-child-"));
  const script = path.join(dir, "render.ts");
  const lib = (m: string) => JSON.stringify(path.join(REPO, "lib", "plot", m));
  fs.writeFileSync(script, `
import * as fs from "fs";
import * as os from "os";
import { renderPng } from ${lib("render")};
${kernelLike ? 'process.on("SIGINT", () => console.log("interrupted"));' : ""}
(async () => {
  await renderPng({ data: [{ type: "bar", x: [1, 2], y: [3, 1] }] }, { width: 200, height: 150 }, 1);
  const mine = fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith("${PROFILE_PREFIX}" + process.pid + "-"));
  console.log("profile " + os.tmpdir() + "/" + mine[0]);
  await new Promise((r) => process.once("SIGUSR2", r));
  const png = await renderPng({ data: [{ type: "bar", x: [1], y: [2] }] }, { width: 200, height: 150 }, 1);
  console.log("second render " + png.length + " bytes");
  process.exit(0);
})();
`);
  const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  child.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  const profile = new Promise<string>((resolve, reject) => {
    const poll = setInterval(() => {
      const m = /profile (\S+)/.exec(out);
      if (m) { clearInterval(poll); resolve(m[1]); }
      if (child.exitCode !== null) { clearInterval(poll); reject(new Error(`renderer exited ${child.exitCode}:\n${out}`)); }
    }, 100);
  });
  return { child, profile, output: () => out };
}

function exited(child: ReturnType<typeof spawn>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

test("Ctrl-C of a render: the process exits, its browser and profile folder are gone", { skip, timeout: 120_000 }, async () => {
  const r = startRenderer(false);
  const profile = await r.profile;
  assert.ok(fs.existsSync(profile));
  assert.ok(processesWith(profile).length > 0, "the browser runs with this profile");
  r.child.kill("SIGINT");
  const { code } = await exited(r.child);
  assert.equal(code, 130, r.output());
  await new Promise((res) => setTimeout(res, 500));
  assert.ok(!fs.existsSync(profile), `${profile} left behind`);
  assert.deepEqual(processesWith(profile), [], "browser processes left behind");
});

test("a kernel-like process (own SIGINT handler) keeps running and rendering after an interrupt", { skip, timeout: 120_000 }, async () => {
  const r = startRenderer(true);
  const profile = await r.profile;
  r.child.kill("SIGINT");
  await new Promise((res) => setTimeout(res, 1000));
  assert.equal(r.child.exitCode, null, `the process ended on SIGINT:\n${r.output()}`);
  r.child.kill("SIGUSR2");
  const { code } = await exited(r.child);
  assert.equal(code, 0, r.output());
  assert.match(r.output(), /interrupted[\s\S]*second render \d+ bytes/);
  assert.ok(!fs.existsSync(profile), `${profile} left behind`);
});

test("SIGKILL leaves a profile folder; the browser quits with its control pipe; the next launch removes the folder", { skip, timeout: 120_000 }, async () => {
  const r = startRenderer(false);
  const profile = await r.profile;
  r.child.kill("SIGKILL");
  await exited(r.child);
  assert.ok(fs.existsSync(profile), "expected the killed process to leave its profile");
  for (let i = 0; i < 100 && processesWith(profile).length > 0; i++) await new Promise((res) => setTimeout(res, 100));
  assert.deepEqual(processesWith(profile), [], "the orphaned browser still runs after 10 s");
  const browser = await launchChromium();
  await browser.close();
  assert.ok(!fs.existsSync(profile), `${profile} was not cleaned by the next launch`);
});

test("the finder's path is what a launch runs", { skip }, () => {
  const version = execFileSync(found as string, ["--version"], { encoding: "utf8" });
  assert.match(version, /Chrom(e|ium) \d+/);
});
