/**
 * Notebooks re-run with other float rounding must reach the same verdicts. Next to a notebook's
 * committed verdict table `data/<notebook>/verdicts.csv`, a folder `one-onednn-thread/` holds the
 * verdict table of a run of the same notebook and SEED started with one CPU visible (`taskset -c 0`),
 * so that oneDNN splits its batched products over one thread instead of two, as on a CPU that
 * reports one core (docs/determinism.md). The GANs come out in other digits; a verdict may move to
 * or from "undecided" where its interval is near its threshold, but none may flip between confirmed
 * and not confirmed. (Notebook 05's comparison runs keep their metrics, not verdicts, and are
 * checked in latent-dimension-saved-runs.test.ts.)
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseCsvText } from "../../lib/data/csv";
import { verdictAgreement } from "../../lib/verdict/claims";
import { VERDICTS, type Verdict } from "../../lib/verdict/rules";

const DATA = path.resolve(__dirname, "../../data");

/**
 * The (claim, verdict) rows of a verdict table; a claim is named with its section where the table
 * has one, and with its numbers masked, since a claim may quote a measured value (notebook 04's
 * "within ± the seed-to-seed sd (0.898 nats)").
 */
function verdictTable(file: string): { claim: string; verdict: Verdict }[] {
  return parseCsvText(fs.readFileSync(file, "utf8")).map((r, i) => {
    const verdict = String(r.verdict);
    if (!(VERDICTS as readonly string[]).includes(verdict)) throw new RangeError(`${file}, row ${i + 2}: verdict "${verdict}" is none of ${VERDICTS.join(", ")}`);
    const claim = (r.section !== undefined ? `${r.section}: ${r.claim}` : String(r.claim)).replace(/\d+(\.\d+)?/g, "#");
    return { claim, verdict: verdict as Verdict };
  });
}

const notebooks = fs.readdirSync(DATA).filter((nb) => fs.existsSync(path.join(DATA, nb, "one-onednn-thread", "verdicts.csv")));

test("at least the notebooks 02, 03 and 04 have a run with oneDNN on one thread", () => {
  for (const nb of ["02-divergences", "03-ganspace", "04-sphere-gan"]) assert.ok(notebooks.includes(nb), `data/${nb}/one-onednn-thread/verdicts.csv`);
});

for (const nb of notebooks) {
  test(`${nb}: the run with oneDNN on one thread judges the same claims, and no verdict flips`, () => {
    const info = JSON.parse(fs.readFileSync(path.join(DATA, nb, "one-onednn-thread", "run.json"), "utf8")) as Record<string, unknown>;
    assert.equal(info.seed, 0, "the committed run's SEED");
    const committed = verdictTable(path.join(DATA, nb, "verdicts.csv"));
    const other = verdictTable(path.join(DATA, nb, "one-onednn-thread", "verdicts.csv"));
    const agree = verdictAgreement(committed, other);
    assert.deepEqual(agree.flips, [], `${nb}: verdicts that flip with oneDNN on one thread`);
    assert.equal(agree.same + agree.undecidedInOne.length, committed.length);
  });
}

test("the check sees a flipped verdict and a table of other claims", () => {
  const committed = verdictTable(path.join(DATA, "04-sphere-gan", "verdicts.csv"));
  const i = committed.findIndex((r) => r.verdict === "confirmed");
  const flipped = committed.map((r, j) => (j === i ? { ...r, verdict: "not confirmed" as Verdict } : r));
  assert.deepEqual(verdictAgreement(committed, flipped).flips, [committed[i].claim]);
  assert.throws(() => verdictAgreement(committed, committed.slice(1)), /judge different claims/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "latent-walk-verdicts-"));
  try {
    fs.writeFileSync(path.join(dir, "verdicts.csv"), "claim,verdict\nx,probably\n");
    assert.throws(() => verdictTable(path.join(dir, "verdicts.csv")), /verdict "probably" is none of/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
