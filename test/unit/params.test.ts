import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "node:child_process";
import {
  BACKEND_CHOICES, BACKENDS, checkOutRoot, PARAMS, ParamError, parseChoice, parseFlag, parseInteger, readIntegerParam,
  readParams, repoRoot, resolveOutRoot, scratchSettings,
} from "../../lib/env/params";

/** Asserts that `fn` throws a ParamError whose message names the variable, the value and `allowed`. */
function assertRefused(fn: () => unknown, name: string, value: string, allowed: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ParamError, `expected ParamError, got ${String(e)}`);
    assert.ok(e.message.startsWith(`${name}="${value}" is not allowed`), e.message);
    assert.ok(e.message.includes(allowed), `${e.message} should mention ${allowed}`);
    return true;
  });
}

test("readParams: defaults when nothing is set", () => {
  const p = readParams({});
  assert.deepEqual(p, { quick: false, seed: 0, force: false, long: 0, outRoot: repoRoot(), backend: "auto" });
});

test("readParams: good values parsed", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "lw-params-"));
  const p = readParams({ QUICK: "1", SEED: "4294967295", FORCE: "1", LONG: "2", LW_OUT: out, TFJS_BACKEND: "wasm" });
  assert.deepEqual(p, { quick: true, seed: 4294967295, force: true, long: 2, outRoot: out, backend: "wasm" });
  assert.equal(readParams({ LW_OUT: "relative/dir" }).outRoot, path.resolve("relative/dir"));
  assert.equal(readParams({ LW_OUT: "rel dir", LW_CALLER_DIR: out }).outRoot, path.join(out, "rel dir"));
  assert.equal(readParams({ SEED: " 17 ", QUICK: "" }).seed, 17);
  assert.equal(readParams({ QUICK: "0" }).quick, false);
  fs.rmSync(out, { recursive: true });
});

test("readParams: every bad value names the variable and the allowed values", () => {
  const bad: [string, string, string][] = [
    ["QUICK", "2", "use 0 or 1"],
    ["QUICK", "yes", "use 0 or 1"],
    ["FORCE", "true", "use 0 or 1"],
    ["LONG", "yes", "use an integer from 0 to 2"],
    ["LONG", "3", "use an integer from 0 to 2"],
    ["SEED", "-3", "use an integer from 0 to 4294967295"],
    ["SEED", "1.5", "use an integer from 0 to 4294967295"],
    ["SEED", "4294967296", "use an integer from 0 to 4294967295"],
    ["SEED", "1e3", "use an integer from 0 to 4294967295"],
    ["SEED", "abc", "use an integer from 0 to 4294967295"],
    ["TFJS_BACKEND", "gpu", "use one of auto, tensorflow, wasm, cpu"],
    ["TFJS_BACKEND", "WASM", "use one of auto, tensorflow, wasm, cpu"],
    ["STEPS", "0", "use an integer from 1 to 30000"],
  ];
  for (const [name, value, allowed] of bad) {
    assertRefused(() => (name === "STEPS" ? readIntegerParam(name, { [name]: value }) : readParams({ [name]: value })), name, value, allowed);
  }
});

test("readParams: LW_OUT pointing at a file, or below one, is refused", () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lw-params-")), "f.txt");
  fs.writeFileSync(file, "x");
  assertRefused(() => readParams({ LW_OUT: file }), "LW_OUT", file, "is a file");
  assertRefused(() => readParams({ LW_OUT: path.join(file, "sub") }), "LW_OUT", path.join(file, "sub"), "cannot be created");
  fs.rmSync(path.dirname(file), { recursive: true });
});

/**
 * Runs the output-root check of lib (through tsx) and of the Python runner on `outRoot`, as an
 * unprivileged user when the tests run as root (root may write into a mode-555 folder).
 */
function checkAsUser(outRoot: string): { lib: string; runner: string } {
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const tsx = path.join(repoRoot(), "node_modules", "tsx", "package.json");
  if (spawnSync("test", ["-r", tsx], asUser).status !== 0) {
    assert.fail(`the tests run as root, so this check runs as uid 65534, which cannot read ${tsx}: a parent folder of the clone is private (mktemp -d makes mode 700). Clone into a folder others may enter, or run the tests as a normal user.`);
  }
  const lib = JSON.stringify(path.join(repoRoot(), "lib", "env", "out-root.ts"));
  const script = `const { checkOutRoot } = require(${lib}); try { checkOutRoot(process.env.LW_OUT, process.env.LW_OUT); console.log("accepted"); } catch (e) { console.log(e.message); }`;
  const env = { ...process.env, LW_OUT: outRoot, HOME: os.tmpdir() };
  const ts = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: repoRoot(), env, encoding: "utf8", ...asUser });
  const py = spawnSync("python3", [path.join(repoRoot(), "scripts", "run_notebooks.py"), "--check-params"], { cwd: os.tmpdir(), env, encoding: "utf8", ...asUser });
  return { lib: `${ts.stdout}${ts.stderr}`.trim(), runner: `${py.stdout}${py.stderr}`.trim() };
}

test("LW_OUT in a read-only folder (or below one) is refused naming LW_OUT, by lib and by the runner", () => {
  const ro = fs.mkdtempSync(path.join(os.tmpdir(), "lw-ro "));
  fs.chmodSync(ro, 0o555);
  const writable = fs.mkdtempSync(path.join(os.tmpdir(), "lw-rw "));
  fs.chmodSync(writable, 0o777);
  try {
    for (const bad of [ro, path.join(ro, "new", "deeper")]) {
      const { lib, runner } = checkAsUser(bad);
      assert.ok(lib.startsWith(`LW_OUT="${bad}" is not allowed: use a writable directory`), lib);
      assert.match(lib, /not writable/);
      assert.ok(runner.includes(`LW_OUT="${bad}" is not allowed: use a writable directory`), runner);
      assert.ok(!fs.existsSync(path.join(ro, "new")), "something was created");
    }
    const ok = checkAsUser(path.join(writable, "new"));
    assert.equal(ok.lib, "accepted");
    assert.equal(ok.runner, "");
  } finally {
    fs.rmSync(ro, { recursive: true, force: true });
    fs.rmSync(writable, { recursive: true, force: true });
  }
});

test("params.json is the one list: backends, choices and the seed range come from it", () => {
  const spec = JSON.parse(fs.readFileSync(path.join(repoRoot(), "lib", "env", "params.json"), "utf8"));
  assert.deepEqual(BACKENDS, spec.backends);
  assert.deepEqual(BACKEND_CHOICES, ["auto", ...spec.backends]);
  assert.deepEqual(Object.keys(PARAMS), Object.keys(spec.params));
  for (const [name, p] of Object.entries(spec.params) as [string, { kind: string; default: number | string }][]) {
    // every default passes its own check
    if (p.kind === "integer") assert.equal(readIntegerParam(name, { [name]: String(p.default) }), p.default);
  }
  // no second list in the Python runner or the backend selector
  for (const file of ["scripts/run_notebooks.py", "lib/env/backend.ts"]) {
    const text = fs.readFileSync(path.join(repoRoot(), file), "utf8");
    assert.doesNotMatch(text, /["']tensorflow["'],\s*["']wasm["']/, `${file} spells out the backend list`);
  }
});

test("scratch: QUICK, another SEED or STEPS send outputs to scratch/<settings>/ unless LW_OUT is set", () => {
  const root = repoRoot();
  assert.deepEqual(scratchSettings({}), []);
  assert.deepEqual(scratchSettings({ SEED: "0", STEPS: "600", QUICK: "0", FORCE: "1", TFJS_BACKEND: "wasm" }), []);
  assert.deepEqual(resolveOutRoot({}), { outRoot: root, scratch: [] });
  assert.deepEqual(resolveOutRoot({ QUICK: "1", SEED: "3" }), { outRoot: path.join(root, "scratch", "quick1-seed3"), scratch: ["QUICK=1", "SEED=3"] });
  assert.equal(resolveOutRoot({ STEPS: "2400" }).outRoot, path.join(root, "scratch", "steps2400"));
  assert.equal(resolveOutRoot({ SEED: " 4294967295 " }).outRoot, path.join(root, "scratch", "seed4294967295"));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "lw-params-"));
  assert.deepEqual(resolveOutRoot({ QUICK: "1", LW_OUT: out }), { outRoot: out, scratch: [] });
  assert.equal(readParams({ QUICK: "1" }).outRoot, path.join(root, "scratch", "quick1"));
  fs.rmSync(out, { recursive: true });
});

test("the Python runner resolves the same output root as lib for the same environment", () => {
  const envs: Record<string, string>[] = [
    {}, { QUICK: "1" }, { QUICK: "1", SEED: "3" }, { SEED: "0", STEPS: "600" }, { STEPS: "30" },
    { SEED: "4294967295", FORCE: "1" }, { LW_OUT: "out dir", LW_CALLER_DIR: os.tmpdir(), QUICK: "1" },
  ];
  const code = "import json,sys\nsys.path.insert(0, 'scripts')\nimport run_notebooks as r\n" +
    "envs = json.loads(sys.stdin.read())\nprint(json.dumps([[str(p), s] for p, s in (r.resolve_out_root(e) for e in envs)]))";
  const py = spawnSync("python3", ["-c", code], { cwd: repoRoot(), input: JSON.stringify(envs), encoding: "utf8" });
  assert.equal(py.status, 0, py.stderr);
  const fromPython = JSON.parse(py.stdout) as [string, string[]][];
  envs.forEach((env, i) => {
    const ts = resolveOutRoot(env);
    assert.deepEqual(fromPython[i], [ts.outRoot, ts.scratch], JSON.stringify(env));
  });
});

test("parse helpers: fallbacks and bounds", () => {
  assert.equal(parseFlag("X", undefined, true), true);
  assert.equal(parseFlag("X", "1", false), true);
  assert.equal(parseInteger("N", undefined, { min: 1, max: 9 }, 4), 4);
  assert.equal(parseInteger("N", "9", { min: 1, max: 9 }, 4), 9);
  assert.equal(parseInteger("N", "1", { min: 1, max: 9 }, 4), 1);
  assertRefused(() => parseInteger("N", "0", { min: 1, max: 9 }, 4), "N", "0", "from 1 to 9");
  assertRefused(() => parseInteger("N", "10", { min: 1, max: 9 }, 4), "N", "10", "from 1 to 9");
  assert.equal(parseChoice("C", undefined, ["a", "b"] as const, "b"), "b");
  assert.equal(parseChoice("C", "a", ["a", "b"] as const, "b"), "a");
  assertRefused(() => parseChoice("C", "c", ["a", "b"] as const, "a"), "C", "c", "use one of a, b");
});

test("repoRoot: the directory whose package.json is named latent-walk", () => {
  const root = repoRoot();
  assert.equal(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).name, "latent-walk");
  assert.ok(fs.existsSync(path.join(root, "lib", "env", "params.ts")));
});
