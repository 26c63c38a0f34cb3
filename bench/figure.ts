/**
 * Redraws figures/bench/throughput.* from data/bench/results.csv without measuring again:
 *   node --import tsx bench/figure.ts
 */
import * as path from "path";
import { readCsv } from "../lib/data/csv";
import { readParams } from "../lib/env/params";
import { notebookDirs } from "../lib/notebook/context";
import { saveFigure, throughputFigure } from "./output";
import type { Row } from "./rows";

async function main(): Promise<void> {
  const params = readParams();
  const dirs = notebookDirs(params.outRoot, "bench");
  const rows = (await readCsv(path.join(dirs.dataDir, "results.csv"))) as Row[];
  console.log(await saveFigure({ name: "bench", params, backend: "cpu", ...dirs }, throughputFigure(rows)));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
