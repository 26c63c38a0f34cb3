import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ensureDir, tempPathFor, writeFileAtomic } from "../../lib/util/atomic";

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "lw-atomic-"));
}

test("writeFileAtomic writes strings and bytes, creating parent folders, leaving no temp file", () => {
  const dir = tempDir();
  const target = path.join(dir, "a", "b", "out.txt");
  writeFileAtomic(target, "héllo ‖z‖");
  assert.equal(fs.readFileSync(target, "utf8"), "héllo ‖z‖");
  const bytes = new Uint8Array([0, 255, 7, 128]);
  writeFileAtomic(target, bytes);
  assert.deepEqual(new Uint8Array(fs.readFileSync(target)), bytes);
  assert.deepEqual(fs.readdirSync(path.dirname(target)), ["out.txt"]);
  fs.rmSync(dir, { recursive: true });
});

test("an interrupted write (failure between writing and renaming) keeps the old content and cleans up", () => {
  const dir = tempDir();
  const target = path.join(dir, "result.csv");
  writeFileAtomic(target, "old");
  let tempSeen = "";
  const interrupted = {
    rename(from: string): void {
      tempSeen = fs.readFileSync(from, "utf8"); // the new data was fully written to the temp file…
      throw new Error("simulated crash before rename"); // …and the process dies here
    },
  };
  assert.throws(() => writeFileAtomic(target, "new content", interrupted), /simulated crash/);
  assert.equal(tempSeen, "new content");
  assert.equal(fs.readFileSync(target, "utf8"), "old");
  assert.equal(fs.existsSync(tempPathFor(target)), false);
  assert.deepEqual(fs.readdirSync(dir), ["result.csv"]);
  fs.rmSync(dir, { recursive: true });
});

test("an interrupted first write leaves no file at all", () => {
  const dir = tempDir();
  const target = path.join(dir, "fresh.json");
  const crash = { rename(): void { throw new Error("crash"); } };
  assert.throws(() => writeFileAtomic(target, "{}", crash));
  assert.deepEqual(fs.readdirSync(dir), []);
  fs.rmSync(dir, { recursive: true });
});

test("ensureDir creates nested folders and is idempotent", () => {
  const dir = tempDir();
  const nested = path.join(dir, "x", "y", "z");
  assert.equal(ensureDir(nested), nested);
  assert.equal(ensureDir(nested), nested);
  assert.ok(fs.statSync(nested).isDirectory());
  fs.rmSync(dir, { recursive: true });
});
