/**
 * Checkpoints of a training run: weights, optimizer state, counters, step, logs and snapshots
 * in ONE file `<cacheDir>/<name>-<hash16>.ckpt`, written atomically (temporary file, then
 * rename), so a killed run leaves the previous checkpoint intact. The key `hash` is the SHA-256
 * of the canonical JSON of the run's identity (its resolved config, object keys sorted), so any
 * change of the config trains afresh and an unchanged config reuses or resumes its run.
 *
 * File layout (format 2):
 *
 *   "LWCK2\n" · header length (uint32 LE) · header JSON (UTF-8) · float32 payload
 *
 * The header names the format, the identity hash, the backend that trained it, and the payload's
 * length and SHA-256, so a truncated, bit-flipped or foreign file is recognised before any
 * tensor is touched. Tensors and snapshot arrays point into the payload (offsets in floats).
 *
 * Loading never throws on a bad file: it returns what it found ("missing", "loaded", or
 * "damaged" with the reason), and the training loop decides (lib/train/run.ts retrains and says so).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { writeFileAtomic } from "../util/atomic";
import { nativePinsReport } from "../env/determinism";

const MAGIC = "LWCK2\n";
export const CHECKPOINT_FORMAT = 2;

/** A value recorded by the snapshot hook: numbers and float arrays (e.g. G(z) for fixed z). */
export type SnapshotValue = Record<string, number | Float32Array>;
export interface Snapshot {
  step: number;
  value: SnapshotValue;
}
export type LogRecord = Record<string, number>;

/** Progress of a run: the last completed step and what was recorded up to it. */
export interface TrainState {
  step: number;
  complete: boolean;
  logs: LogRecord[];
  snapshots: Snapshot[];
}

/** JSON with object keys sorted at every level: equal configs give equal strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

/** SHA-256 (hex) of the canonical JSON of `identity`. */
export function identityHash(identity: unknown): string {
  return createHash("sha256").update(canonicalJson(identity)).digest("hex");
}

export function checkpointPath(cacheDir: string, name: string, identity: unknown): string {
  return join(cacheDir, `${name}-${identityHash(identity).slice(0, 16)}.ckpt`);
}

/** What a checkpoint holds besides the progress. */
export interface CheckpointBody {
  /** The run's identity: its hash keys the file; the JSON is kept for a reader. */
  identity: unknown;
  /** Every variable to restore, by stable name (weights and optimizer slots). */
  tensors: Map<string, tf.Variable>;
  /** Integer state outside tensors, e.g. optimizer update counts. */
  counters: Record<string, number>;
}

interface BlobRef {
  blob: number;
  length: number;
}

interface Header {
  format: number;
  identityHash: string;
  identity: unknown;
  backend: string;
  payloadBytes: number;
  payloadSha256: string;
  step: number;
  complete: boolean;
  counters: Record<string, number>;
  tensors: (BlobRef & { name: string; shape: number[] })[];
  logs: LogRecord[];
  snapshots: { step: number; value: Record<string, number | BlobRef> }[];
}

export function saveCheckpoint(path: string, body: CheckpointBody, state: TrainState): void {
  const chunks: Float32Array[] = [];
  let offset = 0;
  const push = (data: Float32Array): BlobRef => {
    chunks.push(data);
    const ref = { blob: offset, length: data.length };
    offset += data.length;
    return ref;
  };
  const tensors = [...body.tensors].map(([name, v]) => ({ name, shape: v.shape, ...push(v.dataSync() as Float32Array) }));
  const snapshots = state.snapshots.map((s) => ({
    step: s.step,
    value: Object.fromEntries(Object.entries(s.value).map(([k, v]) => [k, typeof v === "number" ? v : push(v)])),
  }));
  const payload = new Float32Array(offset);
  let at = 0;
  for (const c of chunks) {
    payload.set(c, at);
    at += c.length;
  }
  const payloadBytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const header: Header = {
    format: CHECKPOINT_FORMAT,
    identityHash: identityHash(body.identity),
    identity: body.identity,
    backend: backendIdentity(),
    payloadBytes: payloadBytes.length,
    payloadSha256: createHash("sha256").update(payloadBytes).digest("hex"),
    step: state.step,
    complete: state.complete,
    counters: body.counters,
    tensors,
    logs: state.logs,
    snapshots,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const len = Buffer.alloc(4);
  len.writeUInt32LE(headerBytes.length);
  writeFileAtomic(path, Buffer.concat([Buffer.from(MAGIC), len, headerBytes, payloadBytes]));
}

/**
 * The backend that computes, as recorded in a checkpoint: its name and, for the native backend,
 * the settings that decide its rounding (lib/env/determinism.ts).
 */
export function backendIdentity(): string {
  const name = tf.getBackend();
  return name === "tensorflow" ? `tensorflow (${nativePinsReport()})` : name;
}

export type LoadOutcome =
  | { kind: "missing" }
  | { kind: "damaged"; reason: string }
  | { kind: "loaded"; state: TrainState; counters: Record<string, number>; backend: string };

/** Reads and verifies the header and payload of `path`; the reason when it cannot be used. */
function readVerified(path: string, expectedHash: string): { header: Header; payload: Float32Array } | string {
  const buf = readFileSync(path);
  const magic = buf.subarray(0, MAGIC.length).toString("latin1");
  if (magic !== MAGIC) {
    return magic.startsWith("LWCK") ? `written in an older checkpoint format (${JSON.stringify(magic.trim())})` : "not a Latent Walk checkpoint (wrong magic bytes)";
  }
  const start = MAGIC.length + 4;
  if (buf.length < start) return `truncated (${buf.length} bytes)`;
  const headerLength = buf.readUInt32LE(MAGIC.length);
  if (buf.length < start + headerLength) return `truncated inside its header (${buf.length} of at least ${start + headerLength} bytes)`;
  let header: Header;
  try {
    header = JSON.parse(buf.subarray(start, start + headerLength).toString("utf8")) as Header;
  } catch {
    return "its header is not valid JSON";
  }
  if (header.format !== CHECKPOINT_FORMAT) return `format ${header.format}, expected ${CHECKPOINT_FORMAT}`;
  if (header.identityHash !== expectedHash) return "it belongs to another configuration (identity hash differs)";
  const bytes = buf.subarray(start + headerLength);
  if (bytes.length !== header.payloadBytes) return `truncated: payload of ${bytes.length} bytes, the header says ${header.payloadBytes}`;
  if (createHash("sha256").update(bytes).digest("hex") !== header.payloadSha256) return "its payload checksum does not match (the file was altered or damaged)";
  const payload = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return { header, payload };
}

/**
 * Restores `body.tensors` and returns the saved progress and counters, after verifying the
 * file; a missing file is "missing", a bad one "damaged" with the reason (nothing restored).
 */
export function loadCheckpoint(path: string, body: CheckpointBody): LoadOutcome {
  if (!existsSync(path)) return { kind: "missing" };
  const read = readVerified(path, identityHash(body.identity));
  if (typeof read === "string") return { kind: "damaged", reason: read };
  const { header, payload } = read;
  const slice = (ref: BlobRef) => payload.slice(ref.blob, ref.blob + ref.length);
  const names = new Set(header.tensors.map((t) => t.name));
  const missing = [...body.tensors.keys()].filter((n) => !names.has(n));
  if (missing.length > 0) return { kind: "damaged", reason: `it lacks tensors ${missing.slice(0, 3).join(", ")}` };
  for (const t of header.tensors) {
    const v = body.tensors.get(t.name);
    if (!v) return { kind: "damaged", reason: `it holds an unknown tensor ${t.name}` };
    if (v.shape.join(",") !== t.shape.join(",")) return { kind: "damaged", reason: `tensor ${t.name} has shape [${t.shape}], the model [${v.shape}]` };
  }
  for (const t of header.tensors) tf.tidy(() => body.tensors.get(t.name)!.assign(tf.tensor(slice(t), t.shape)));
  const snapshots: Snapshot[] = header.snapshots.map((s) => ({
    step: s.step,
    value: Object.fromEntries(Object.entries(s.value).map(([k, v]) => [k, typeof v === "number" ? v : slice(v)])),
  }));
  return {
    kind: "loaded",
    state: { step: header.step, complete: header.complete, logs: header.logs, snapshots },
    counters: header.counters,
    backend: header.backend,
  };
}

/** Moves a damaged checkpoint aside (`<path>.damaged`, replacing an older one); returns the new path. */
export function setAside(path: string): string {
  const target = `${path}.damaged`;
  rmSync(target, { force: true });
  renameSync(path, target);
  return target;
}

/** Whether process `pid` is alive on this machine (signal 0 probes without sending). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes temporary files `*.ckpt.tmp-<pid>` in `cacheDir` left by runs that were killed while
 * writing (their process is gone); returns the removed names.
 */
export function removeStaleTemporaries(cacheDir: string): string[] {
  if (!existsSync(cacheDir)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(cacheDir)) {
    const m = /\.ckpt\.tmp-(\d+)$/.exec(name);
    if (m && Number(m[1]) !== process.pid && !processAlive(Number(m[1]))) {
      rmSync(join(cacheDir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}
