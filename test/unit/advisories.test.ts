/**
 * No package with a known advisory in what `npm ci` installs (package-lock.json, read offline;
 * the table is in test/helpers/advisories.ts), every dependency version pinned exactly, and the
 * stand-ins that replace vulnerable packages doing their job.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { ADVISORIES, compareVersions, findAdvisories, type Lockfile } from "../helpers/advisories";
import { loadDanfo } from "../../lib/data/csv";

const REPO = path.resolve(__dirname, "..", "..");
const lock = JSON.parse(fs.readFileSync(path.join(REPO, "package-lock.json"), "utf8")) as Lockfile;

test("package-lock.json holds no version inside a known advisory's range", () => {
  const findings = findAdvisories(lock).map((f) => `${f.path}@${f.version}: ${f.advisory.id} (${f.advisory.severity}, fixed in ${f.advisory.fixed ?? "no release"})`);
  assert.deepEqual(findings, []);
});

test("the checker reports the tree as it was before the overrides (must fail there)", () => {
  const before: Lockfile = {
    packages: {
      "": { version: "0.1.0" },
      "node_modules/request": { version: "2.88.2" },
      "node_modules/request/node_modules/form-data": { version: "2.3.3" },
      "node_modules/form-data": { version: "4.0.6" },
      "node_modules/tough-cookie": { version: "2.5.0" },
      "node_modules/tar": { version: "6.2.1" },
      "node_modules/mathjs": { version: "15.2.0" },
      "node_modules/danfojs-node/node_modules/mathjs": { version: "9.5.2" },
      "node_modules/danfojs-node/node_modules/request": { link: true },
      "shims/request-refused": { name: "request", version: "0.0.0-refused" },
    },
  };
  const got = findAdvisories(before).map((f) => `${f.path} ${f.advisory.id}`);
  assert.deepEqual(got, [
    "node_modules/request GHSA-p8p7-x288-28g6",
    "node_modules/request/node_modules/form-data GHSA-fjxv-7rqg-78g4",
    "node_modules/tough-cookie GHSA-72xf-g2v4-qvf3",
    "node_modules/tar GHSA-8qq5-rm4j-mr97",
    "node_modules/tar GHSA-r6q2-hw4h-h46w",
    "node_modules/tar GHSA-34x7-hfp2-rc4v",
    "node_modules/tar GHSA-r292-9mhp-454m",
  ]);
});

test("compareVersions orders like semver on the forms a lockfile holds", () => {
  const ascending = ["0.0.0", "0.0.1-refused", "2.3.3", "2.5.4", "2.10.0", "7.5.3-beta", "7.5.3", "7.5.22", "10.0.0"];
  for (let i = 0; i < ascending.length; i++) {
    for (let j = 0; j < ascending.length; j++) {
      assert.equal(Math.sign(compareVersions(ascending[i], ascending[j])), Math.sign(i - j), `${ascending[i]} vs ${ascending[j]}`);
    }
  }
});

test("every advisory row has a well-formed id and range", () => {
  for (const a of ADVISORIES) {
    assert.match(a.id, /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/, a.id);
    if (a.fixed !== null) assert.ok(compareVersions(a.introduced, a.fixed) < 0, `${a.pkg} ${a.id}: empty range`);
  }
});

test("package.json pins every dependency and override to one exact version", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
  const specs: [string, string][] = [];
  for (const field of ["dependencies", "devDependencies", "optionalDependencies"]) {
    for (const [name, spec] of Object.entries(pkg[field] ?? {})) specs.push([`${field}.${name}`, spec as string]);
  }
  const walk = (prefix: string, o: Record<string, unknown>) => {
    for (const [name, v] of Object.entries(o)) {
      if (typeof v === "string") specs.push([`${prefix}.${name}`, v]);
      else walk(`${prefix}.${name}`, v as Record<string, unknown>);
    }
  };
  walk("overrides", pkg.overrides ?? {});
  for (const [where, spec] of specs) {
    assert.match(spec, /^(\d+\.\d+\.\d+|npm:[@\w/.-]+@\d+\.\d+\.\d+|file:[\w./-]+)$/, `${where}: "${spec}" is not one exact version`);
  }
});

test("npm ci accepts the lockfile as it is (a clean copy, offline, dry run)", { timeout: 120_000 }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lw-npm-ci-"));
  try {
    for (const f of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(REPO, f), path.join(dir, f));
    fs.cpSync(path.join(REPO, "shims"), path.join(dir, "shims"), { recursive: true });
    const r = spawnSync("npm", ["ci", "--dry-run", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: dir, encoding: "utf8" });
    assert.equal(r.status, 0, `npm ci refuses the lockfile:\n${r.stderr.split("\n").filter((l) => /Missing|Invalid|in sync/.test(l)).join("\n") || r.stderr}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("danfojs-node reads local CSV as before, and a URL ends with the stand-in's message", { timeout: 120_000 }, async () => {
  const dfd = await loadDanfo();
  const dir = fs.mkdtempSync(path.join(REPO, ".cache", "advisories-"));
  const file = path.join(dir, "t.csv");
  fs.writeFileSync(file, "a,b\n1,x\n2.5,y\n");
  try {
    const df = await dfd.readCSV(file);
    assert.deepEqual(df.columns, ["a", "b"]);
    assert.deepEqual(df.values, [[1, "x"], [2.5, "y"]]);
    await assert.rejects(dfd.readCSV("https://example.invalid/t.csv"), /reading tables from URLs is not supported here/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
