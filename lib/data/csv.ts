/**
 * Tables of results as CSV files: `<dataDir>/<name>.csv`, written atomically.
 *
 * Format (RFC 4180): a header row, comma separators, `\n` line ends; a field is quoted when it
 * holds a comma, a quote, a line break or leading/trailing space, with quotes doubled. Numbers
 * are written with JavaScript's shortest round-trip form (`String(x)`, e.g. 0.30000000000000004,
 * 1e-20, NaN, Infinity), so reading gives back exactly the same float64. Reading turns every
 * unquoted field that looks like such a number into a number; other fields stay strings.
 *
 * Why our own writer and not danfojs-node's `toCSV`: danfojs-node 1.2.0 leaves fields that
 * hold commas or quotes unquoted, so such a table does not read back. Reading uses csv-parse
 * (the node-csv project), whose cast hook says whether a field was quoted: that is what keeps a
 * string such as "12" a string. papaparse, which danfojs-node uses, does not report quoting, so
 * with its number conversion such strings would come back as numbers. danfojs-node is still
 * available for DataFrame work through {@link loadDanfo}; in this project its
 * `@tensorflow/tfjs-node` dependency is the shim in shims/tfjs-node-as-tfjs (package.json
 * overrides), which re-exports the pure `@tensorflow/tfjs`, so loading it neither needs
 * libtensorflow nor, after loadDanfo, changes the active backend.
 */
import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { CsvError, parse } from "csv-parse/sync";
import { assertFileName, writeFileAtomic } from "../util/atomic";
import type { NotebookContext } from "../notebook/context";

export type CsvRecord = Record<string, number | string>;
/** A record to write: a missing or undefined cell is written empty. */
export type CsvInputRecord = Record<string, number | string | undefined>;

const NUMBER = /^(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|NaN|-?Infinity)$/;

function field(v: number | string | undefined): string {
  if (v === undefined) return "";
  if (typeof v === "number") return String(v);
  return /[",\n\r]|^\s|\s$/.test(v) || NUMBER.test(v) || v === "" ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Records → CSV text; columns are the union of keys in first-seen order. */
export function toCsvText(records: readonly CsvInputRecord[]): string {
  const cols = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const lines = [cols.map(field).join(","), ...records.map((r) => cols.map((c) => field(r[c])).join(","))];
  return lines.join("\n") + "\n";
}

/** One parsed field: its text and whether it was quoted (a quoted "12" stays a string). */
interface Field {
  text: string;
  quoted: boolean;
}

/** CSV text → rows of fields (RFC 4180; csv-parse, which reports per field whether it was quoted). */
function parseRows(text: string): Field[][] {
  try {
    const rows = parse(text, { bom: true, relax_column_count: true, cast: (value, context) => ({ text: value, quoted: context.quoting }) });
    return rows as unknown as Field[][];
  } catch (e) {
    if (e instanceof CsvError && e.code === "CSV_QUOTE_NOT_CLOSED") throw new Error(`CSV: unterminated quoted field (${e.message})`);
    throw new Error(`CSV: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** CSV text → records; unquoted numeric fields become numbers, empty fields are left out. */
export function parseCsvText(text: string): CsvRecord[] {
  const rows = parseRows(text);
  if (rows.length === 0) return [];
  const header = rows[0].map((f) => f.text);
  return rows.slice(1).map((row, r) => {
    if (row.length !== header.length) throw new Error(`CSV: row ${r + 2} has ${row.length} fields, header has ${header.length}`);
    const rec: CsvRecord = {};
    row.forEach(({ text: v, quoted }, j) => {
      if (v === "" && !quoted) return;
      rec[header[j]] = !quoted && NUMBER.test(v) ? Number(v) : v;
    });
    return rec;
  });
}

/** Writes `<ctx.dataDir>/<name>.csv` atomically; returns its path. */
export async function saveCsv(ctx: NotebookContext, name: string, records: readonly CsvInputRecord[]): Promise<string> {
  assertFileName("table", name);
  const file = path.join(ctx.dataDir, `${name}.csv`);
  writeFileAtomic(file, toCsvText(records));
  return file;
}

/** Reads a CSV file written by {@link saveCsv} (or any RFC 4180 file with a header row). */
export async function readCsv(file: string): Promise<CsvRecord[]> {
  return parseCsvText(await fs.promises.readFile(file, "utf8"));
}

/**
 * danfojs-node, loaded without side effects on the TensorFlow.js backend: it is required
 * lazily and the backend active before (set by selectBackend) is restored afterwards.
 */
export async function loadDanfo(): Promise<typeof import("danfojs-node")> {
  const before = tf.getBackend();
  let danfo: typeof import("danfojs-node");
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    danfo = require("danfojs-node");
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new Error(`danfojs-node cannot be loaded (it requires @tensorflow/tfjs-node): ${why}`);
  }
  if (before !== undefined && tf.getBackend() !== before) await tf.setBackend(before);
  return danfo;
}
