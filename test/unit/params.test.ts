import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ParamError, parseChoice, parseFlag, parseInteger, readParams, repoRoot } from "../../lib/env/params";

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
  assert.deepEqual(p, { quick: false, seed: 0, force: false, long: false, outRoot: repoRoot(), backend: "auto" });
});

test("readParams: good values parsed", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "lw-params-"));
  const p = readParams({ QUICK: "1", SEED: "4294967295", FORCE: "1", LONG: "1", LW_OUT: out, TFJS_BACKEND: "wasm" });
  assert.deepEqual(p, { quick: true, seed: 4294967295, force: true, long: true, outRoot: out, backend: "wasm" });
  assert.equal(readParams({ LW_OUT: "relative/dir" }).outRoot, path.resolve("relative/dir"));
  assert.equal(readParams({ SEED: " 17 ", QUICK: "" }).seed, 17);
  assert.equal(readParams({ QUICK: "0" }).quick, false);
  fs.rmSync(out, { recursive: true });
});

test("readParams: every bad value names the variable and the allowed values", () => {
  const bad: [string, string, string][] = [
    ["QUICK", "2", "use 0 or 1"],
    ["QUICK", "yes", "use 0 or 1"],
    ["FORCE", "true", "use 0 or 1"],
    ["LONG", "yes", "use 0 or 1"],
    ["SEED", "-3", "use an integer from 0 to 4294967295"],
    ["SEED", "1.5", "use an integer from 0 to 4294967295"],
    ["SEED", "4294967296", "use an integer from 0 to 4294967295"],
    ["SEED", "1e3", "use an integer from 0 to 4294967295"],
    ["SEED", "abc", "use an integer from 0 to 4294967295"],
    ["TFJS_BACKEND", "gpu", "use one of auto, tensorflow, wasm, cpu"],
    ["TFJS_BACKEND", "WASM", "use one of auto, tensorflow, wasm, cpu"],
  ];
  for (const [name, value, allowed] of bad) {
    assertRefused(() => readParams({ [name]: value }), name, value, allowed);
  }
});

test("readParams: LW_OUT pointing at a file is refused", () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lw-params-")), "f.txt");
  fs.writeFileSync(file, "x");
  assertRefused(() => readParams({ LW_OUT: file }), "LW_OUT", file, "directory");
  fs.rmSync(path.dirname(file), { recursive: true });
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
