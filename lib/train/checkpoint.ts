/**
 * Checkpoints of a training run: weights, optimizer state, step, logs and snapshots in ONE file
 * `<cacheDir>/<config.name>-<hash16>.ckpt`, written atomically (temporary file, then rename), so
 * a killed run leaves the previous checkpoint intact. The key `hash` is the SHA-256 of the
 * canonical JSON of the resolved config (object keys sorted), so any change of the config
 * trains afresh and an unchanged config reuses or resumes its run.
 *
 * File layout: "LWCK1\n", header length (uint32, little-endian), header JSON (UTF-8), then the
 * float32 payload that the header's tensors and snapshot arrays point into (offsets in floats).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { writeFileAtomic } from "../util/atomic";
import type { GanConfig } from "./config";
import { modelTensors, type GanModel } from "./model";

const MAGIC = "LWCK1\n";

/** A value recorded by the snapshot hook: numbers and float arrays (e.g. G(z) for fixed z). */
export type SnapshotValue = Record<string, number | Float32Array>;
export interface Snapshot {
  step: number;
  value: SnapshotValue;
}
export type LogRecord = Record<string, number>;

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

export function configHash(config: GanConfig): string {
  return createHash("sha256").update(canonicalJson(config)).digest("hex");
}

export function checkpointPath(cacheDir: string, config: GanConfig): string {
  return join(cacheDir, `${config.name}-${configHash(config).slice(0, 16)}.ckpt`);
}

interface BlobRef {
  blob: number;
  length: number;
}

export function saveCheckpoint(path: string, model: GanModel, state: TrainState): void {
  const chunks: Float32Array[] = [];
  let offset = 0;
  const push = (data: Float32Array): BlobRef => {
    chunks.push(data);
    const ref = { blob: offset, length: data.length };
    offset += data.length;
    return ref;
  };
  const tensors = [...modelTensors(model)].map(([name, v]) => ({ name, shape: v.shape, ...push(v.dataSync() as Float32Array) }));
  const snapshots = state.snapshots.map((s) => ({
    step: s.step,
    value: Object.fromEntries(Object.entries(s.value).map(([k, v]) => [k, typeof v === "number" ? v : push(v)])),
  }));
  const header = {
    configHash: configHash(model.config),
    config: model.config,
    backend: tf.getBackend(),
    step: state.step,
    complete: state.complete,
    iterations: { g: model.gOptimizer.iterations, d: model.dOptimizer.iterations },
    tensors,
    logs: state.logs,
    snapshots,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const payload = new Float32Array(offset);
  let at = 0;
  for (const c of chunks) {
    payload.set(c, at);
    at += c.length;
  }
  const len = Buffer.alloc(4);
  len.writeUInt32LE(headerBytes.length);
  writeFileAtomic(path, Buffer.concat([Buffer.from(MAGIC), len, headerBytes, Buffer.from(payload.buffer)]));
}

/**
 * Restores weights and optimizer state into `model` (built from the same config) and returns
 * the saved progress, or undefined when there is no checkpoint for this config.
 */
export function loadCheckpoint(path: string, model: GanModel): TrainState | undefined {
  if (!existsSync(path)) return undefined;
  const buf = readFileSync(path);
  if (buf.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error(`${path}: not a checkpoint`);
  const headerLength = buf.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4;
  const header = JSON.parse(buf.subarray(start, start + headerLength).toString("utf8"));
  if (header.configHash !== configHash(model.config)) throw new Error(`${path}: checkpoint of another config`);
  const bytes = buf.subarray(start + headerLength);
  const payload = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const slice = (ref: BlobRef) => payload.slice(ref.blob, ref.blob + ref.length);
  const vars = modelTensors(model);
  for (const t of header.tensors as (BlobRef & { name: string; shape: number[] })[]) {
    const v = vars.get(t.name);
    if (!v) throw new Error(`${path}: unknown tensor ${t.name}`);
    tf.tidy(() => v.assign(tf.tensor(slice(t), t.shape)));
  }
  model.gOptimizer.iterations = header.iterations.g;
  model.dOptimizer.iterations = header.iterations.d;
  const snapshots: Snapshot[] = (header.snapshots as { step: number; value: Record<string, number | BlobRef> }[]).map((s) => ({
    step: s.step,
    value: Object.fromEntries(Object.entries(s.value).map(([k, v]) => [k, typeof v === "number" ? v : slice(v)])),
  }));
  return { step: header.step, complete: header.complete, logs: header.logs, snapshots };
}
