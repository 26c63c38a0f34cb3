/**
 * Notebook names (lib/notebook/context.ts): NN-words-with-dashes, or NNx-words-with-dashes for a
 * second notebook on one article; the folders figures/<name>/, data/<name>/ follow the name.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { NOTEBOOK_NAME_PATTERN, notebookDirs } from "../../lib/notebook/context";

test("accepted names: NN-words and NNx-words", () => {
  for (const name of ["01-latent-geometry", "05-latent-dimension", "01b-generator-walks", "12c-a-b-c"]) assert.ok(NOTEBOOK_NAME_PATTERN.test(name), name);
});

test("refused names: one or three digits, two letters, capitals, a missing or doubled dash, a file extension", () => {
  for (const name of ["1-latent", "001-latent", "01bc-walks", "01B-walks", "01b", "01b--walks", "01b-walks-", "01-latent.ipynb", "ab-walks"]) {
    assert.ok(!NOTEBOOK_NAME_PATTERN.test(name), name);
  }
});

test("a NNx notebook gets its own folders", () => {
  const dirs = notebookDirs("/out", "01b-generator-walks");
  assert.equal(dirs.figuresDir, path.join("/out", "figures", "01b-generator-walks"));
  assert.equal(dirs.dataDir, path.join("/out", "data", "01b-generator-walks"));
  assert.equal(dirs.cacheDir, path.join("/out", "data", "cache", "01b-generator-walks"));
});
